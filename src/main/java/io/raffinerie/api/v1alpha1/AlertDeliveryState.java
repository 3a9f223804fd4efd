package io.raffinerie.api.v1alpha1;

/** Where the delivery of one alert stands. */
public enum AlertDeliveryState {
    Pending, Sent, Failed
}

package io.raffinerie.api.v1alpha1;

/** The payload shape of an alert webhook. Lower case, as users write it. */
public enum WebhookFormat {
    generic, slack
}

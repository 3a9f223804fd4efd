package io.raffinerie.api.v1alpha1;

/** The run transitions an alert can fire on. */
public enum AlertEvent {
    Started, Succeeded, Failed, TimedOut, Recovered
}

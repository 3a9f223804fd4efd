package io.raffinerie.api.v1alpha1;

/** What a schedule does when the previous run is still going. */
public enum ConcurrencyPolicy {
    Allow, Forbid, Replace
}

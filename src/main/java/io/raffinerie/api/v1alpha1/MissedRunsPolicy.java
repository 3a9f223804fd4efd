package io.raffinerie.api.v1alpha1;

/** What a pipeline schedule does with the times it missed while the operator was down. */
public enum MissedRunsPolicy {
    /** One catch-up run for the latest missed time. */
    Latest,
    /** No catch-up run. */
    Skip,
    /** One run per missed time, bounded. */
    All
}

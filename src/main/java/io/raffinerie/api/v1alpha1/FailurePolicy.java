package io.raffinerie.api.v1alpha1;

/** What a pipeline run does after a step fails. */
public enum FailurePolicy {
    /** Steps that can no longer run are Skipped. */
    StopOnFailure,
    /** Independent branches go on. */
    Continue
}

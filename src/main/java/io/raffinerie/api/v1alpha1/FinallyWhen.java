package io.raffinerie.api.v1alpha1;

/** When a finally step runs, given how the pipeline's steps ended. */
public enum FinallyWhen {
    /** Whatever the outcome (not after a cancel). */
    Always,
    /** Only when every step succeeded or was skipped by its condition. */
    Succeeded,
    /** Only when a step failed or the pipeline ran out of time. */
    Failed
}

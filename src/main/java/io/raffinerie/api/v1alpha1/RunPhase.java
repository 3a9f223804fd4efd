package io.raffinerie.api.v1alpha1;

/** The phase of a DataRun. */
public enum RunPhase {
    Pending, Running, Succeeded, Failed, Cancelled;

    public boolean isFinished() {
        return this == Succeeded || this == Failed || this == Cancelled;
    }
}

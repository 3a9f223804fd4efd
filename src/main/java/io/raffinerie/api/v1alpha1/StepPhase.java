package io.raffinerie.api.v1alpha1;

/** The phase of one step of a DataRun. */
public enum StepPhase {
    Pending, Running, Succeeded, Failed, Skipped, Cancelled;

    public boolean isFinished() {
        return this != Pending && this != Running;
    }
}

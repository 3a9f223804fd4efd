package io.raffinerie.api.v1alpha1;

/** When a step runs, given how the steps it depends on ended. */
public enum When {
    AllSucceeded, AllSucceededOrSkipped, AnySucceeded, AllDone, AnyFailed
}

package io.raffinerie.api.v1alpha1;

/** What started a DataRun. */
public enum Trigger {
    Manual, Schedule
}

package io.raffinerie.api.v1alpha1;

/** A field the target environment keeps from its own copy when a promotion overwrites a job or pipeline. */
public enum PreservedField {
    /** spec.schedule. */
    schedule,
    /** A job's spec.resources. */
    resources,
    /** A job's spec.env, and the defaults of the parameters both copies declare. */
    variables,
    /** spec.suspend. */
    suspend
}

package io.raffinerie.api.v1alpha1;

/** How an environment's pods are fenced. */
public enum NetworkIsolation {
    /** Default deny in and out; DNS, the same environment and declared egress allowed. */
    Strict,
    /** No NetworkPolicy. */
    None
}

package io.raffinerie.api.v1alpha1;

/** What happens to an environment's namespace when the DataEnvironment is deleted. */
public enum DeletionPolicy {
    /** Leave the namespace and its contents. */
    Retain,
    /** Delete the namespace, when the operator created it. */
    Delete
}

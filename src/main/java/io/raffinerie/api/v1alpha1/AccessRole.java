package io.raffinerie.api.v1alpha1;

/** The three roles an environment hands out; each maps to the ClusterRole raffinerie-&lt;role&gt;. */
public enum AccessRole {
    viewer, editor, manager
}

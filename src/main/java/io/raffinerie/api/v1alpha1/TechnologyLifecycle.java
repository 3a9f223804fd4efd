package io.raffinerie.api.v1alpha1;

/** Where a technology version stands: Deprecated still runs (with a warning), Disabled does not. */
public enum TechnologyLifecycle {
    Recommended,
    Stable,
    Deprecated,
    Disabled
}

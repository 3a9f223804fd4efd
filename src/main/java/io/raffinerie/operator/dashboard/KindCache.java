package io.raffinerie.operator.dashboard;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;

/**
 * One kind as the dashboard reads it: from the cache of that kind's controller when the reconcilers run in this
 * process ({@link ControllerKindCache}), else from an informer of its own ({@link InformerKindCache}).
 */
interface KindCache<R extends HasMetadata> {
    /** True once the cache has listed what exists. */
    boolean synced();

    List<R> all();

    List<R> inNamespace(String namespace);

    /** The object of that namespace (null for a cluster-scoped kind) and name. */
    Optional<R> get(String namespace, String name);

    /** Stops what this cache started (nothing for a controller's cache: its controller stops it). */
    void stop();
}

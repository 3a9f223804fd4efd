package io.raffinerie.operator.dashboard;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.raffinerie.operator.common.LeanItemStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/** A kind from an informer the dashboard starts itself: for a process that runs no reconciler (the chart's dashboard). */
final class InformerKindCache<R extends HasMetadata> implements KindCache<R> {
    private static final Logger LOG = Logger.getLogger(InformerKindCache.class);
    private final SharedIndexInformer<R> informer;

    /** {@code added} hears of each object the informer adds. */
    InformerKindCache(KubernetesClient client, Class<R> type, boolean namespaced, Consumer<R> added) {
        informer = namespaced ? client.resources(type).inAnyNamespace().runnableInformer(0)
                : client.resources(type).runnableInformer(0);
        // As lean as the controllers' caches: managedFields and the last-applied copy are most of a small object.
        informer.itemStore(new LeanItemStore<>());
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(R object) {
                added.accept(object);
            }

            @Override
            public void onUpdate(R before, R after) {
            }

            @Override
            public void onDelete(R object, boolean finalStateUnknown) {
            }
        });
        informer.start().whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.warnf("dashboard cache of %s did not start: %s", type.getSimpleName(), error.getMessage());
            }
        });
    }

    @Override
    public boolean synced() {
        return informer.hasSynced();
    }

    @Override
    public List<R> all() {
        return informer.getStore().list();
    }

    @Override
    public List<R> inNamespace(String namespace) {
        return informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
    }

    @Override
    public Optional<R> get(String namespace, String name) {
        return Optional.ofNullable(informer.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)));
    }

    @Override
    public void stop() {
        informer.stop();
    }
}

package io.raffinerie.operator.dashboard;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.controller.ControllerEventSource;
import java.util.List;
import java.util.Optional;

/**
 * A kind read from the primary cache of its controller, in a process that runs the reconcilers: the dashboard then
 * holds no copy of its own (one informer per kind instead of two). The controller is looked up when first needed,
 * since the reconcilers start after the dashboard; until its informer has listed everything, {@link #synced} is false.
 */
final class ControllerKindCache<R extends HasMetadata> implements KindCache<R> {
    private final Operator operator;
    private final String controller;
    private volatile ControllerEventSource<R> source;
    private volatile boolean synced;

    /** {@code controller}: the name in the reconciler's {@code @ControllerConfiguration}. */
    ControllerKindCache(Operator operator, String controller) {
        this.operator = operator;
        this.controller = controller;
    }

    @SuppressWarnings("unchecked")
    private Optional<ControllerEventSource<R>> source() {
        if (source == null) {
            operator.getRegisteredController(controller).filter(Controller.class::isInstance)
                    .map(registered -> ((Controller<R>) registered).getEventSourceManager().getControllerEventSource())
                    .ifPresent(found -> source = found);
        }
        return Optional.ofNullable(source);
    }

    /** Once true, stays so: the controller's informer keeps its cache until the process stops. */
    @Override
    public boolean synced() {
        if (!synced) {
            synced = source().map(s -> {
                var informers = s.informerHealthIndicators().values();
                return !informers.isEmpty() && informers.stream().allMatch(InformerHealthIndicator::hasSynced);
            }).orElse(false);
        }
        return synced;
    }

    /** The cache, once its informer has started and listed (before, the controller's cache is not there to read). */
    private Optional<ControllerEventSource<R>> started() {
        return synced() ? source() : Optional.empty();
    }

    @Override
    public List<R> all() {
        return started().map(s -> s.list(r -> true).toList()).orElse(List.of());
    }

    @Override
    public List<R> inNamespace(String namespace) {
        return started().map(s -> s.list(namespace).toList()).orElse(List.of());
    }

    @Override
    public Optional<R> get(String namespace, String name) {
        return started().flatMap(s -> s.get(new ResourceID(name, namespace)));
    }

    @Override
    public void stop() {
    }
}

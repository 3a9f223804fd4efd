package io.raffinerie.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.model.environment.EnvironmentModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The DataEnvironments seen by a controller of namespaced resources: a change to an environment reconciles every
 * resource of its namespace, and a resource finds its environment by namespace.
 */
public final class Environments {
    private static final String BY_NAMESPACE = "raffinerie-environment-namespace";

    private Environments() {
    }

    public static <P extends HasMetadata> InformerEventSource<DataEnvironment, P> eventSource(EventSourceContext<P> context) {
        InformerEventSourceConfiguration<DataEnvironment> configuration = InformerEventSourceConfiguration
                .from(DataEnvironment.class, context.getPrimaryResourceClass())
                .withItemStore(new LeanItemStore<>())
                .withSecondaryToPrimaryMapper(environment -> context.getPrimaryCache()
                        .list(EnvironmentModel.namespaceOf(environment))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build();
        InformerEventSource<DataEnvironment, P> eventSource = new InformerEventSource<>(configuration, context);
        eventSource.addIndexers(Map.of(BY_NAMESPACE, environment -> List.of(EnvironmentModel.namespaceOf(environment))));
        return eventSource;
    }

    /** The environment that owns the namespace, if any. */
    public static Optional<DataEnvironment> find(Context<?> context, String namespace) {
        return Caches.eventSource(context, DataEnvironment.class).byIndex(BY_NAMESPACE, namespace).stream()
                .min((a, b) -> a.getMetadata().getCreationTimestamp().compareTo(b.getMetadata().getCreationTimestamp()));
    }
}

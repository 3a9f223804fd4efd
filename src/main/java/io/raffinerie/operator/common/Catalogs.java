package io.raffinerie.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataTechnology;
import io.raffinerie.model.job.TechnologyCatalog;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The technology catalog as a controller sees it: the DataTechnology objects of its informer cache. A change to a
 * technology reconciles the primaries the given mapper picks, so catalog changes reach jobs without a restart.
 */
public final class Catalogs {
    private Catalogs() {
    }

    /** An event source on DataTechnology; {@code affected} picks the primaries of a technology (by name) from the cache. */
    public static <P extends HasMetadata> InformerEventSource<DataTechnology, P> eventSource(EventSourceContext<P> context,
            BiFunction<EventSourceContext<P>, String, Stream<P>> affected) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(DataTechnology.class, context.getPrimaryResourceClass())
                .withSecondaryToPrimaryMapper(technology -> affected.apply(context, technology.getMetadata().getName())
                        .map(ResourceID::fromResource).collect(Collectors.<ResourceID>toSet()))
                .build(), context);
    }

    /** The catalog as the jobs of {@code environment} see it. */
    public static TechnologyCatalog of(Context<?> context, Optional<DataEnvironment> environment) {
        return TechnologyCatalog.of(Caches.eventSource(context, DataTechnology.class).list().toList())
                .forEnvironment(environment.orElse(null));
    }

    /** Every primary: for controllers whose resources depend on the catalog through others (pipelines through jobs). */
    public static <P extends HasMetadata> Stream<P> all(EventSourceContext<P> context, String technology) {
        return context.getPrimaryCache().list();
    }

}

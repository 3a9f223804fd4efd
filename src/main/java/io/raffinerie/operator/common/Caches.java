package io.raffinerie.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.stream.Stream;

/** Reads from a controller's informer caches, never from the API server. */
public final class Caches {
    private Caches() {
    }

    @SuppressWarnings("unchecked")
    public static <R extends HasMetadata> InformerEventSource<R, ?> eventSource(Context<?> context, Class<R> type) {
        return (InformerEventSource<R, ?>) context.eventSourceRetriever().getEventSourceFor(type);
    }

    /** Every cached resource of the type in the namespace. */
    public static <R extends HasMetadata> Stream<R> list(Context<?> context, Class<R> type, String namespace) {
        return eventSource(context, type).list(namespace);
    }
}

package io.raffinerie.operator.revision;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.raffinerie.api.v1alpha1.DataRevision;
import io.raffinerie.model.revision.Revisions;
import io.raffinerie.operator.common.Caches;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A controller's cache of DataRevisions (frozen specs left out), indexed by target. */
public final class RevisionCache {
    private static final String BY_TARGET = "raffinerie-revisions-by-target";

    private RevisionCache() {
    }

    /**
     * The event source; {@code primaries} maps a revision's namespace, target kind and target name to the primaries
     * it concerns.
     */
    public static <P extends HasMetadata> InformerEventSource<DataRevision, P> eventSource(EventSourceContext<P> context,
            Targets primaries) {
        InformerEventSource<DataRevision, P> revisions = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(DataRevision.class, context.getPrimaryResourceClass())
                .withItemStore(new RevisionStore())
                .withLabelSelector(Revisions.REVISION_LABEL)
                .withSecondaryToPrimaryMapper(r -> r.getSpec() == null || r.getSpec().target == null ? Set.of()
                        : primaries.of(r.getMetadata().getNamespace(), r.getSpec().target.kind, r.getSpec().target.name))
                .build(), context);
        revisions.addIndexers(Map.of(BY_TARGET, r -> r.getSpec() == null || r.getSpec().target == null ? List.of()
                : List.of(key(r.getMetadata().getNamespace(), r.getSpec().target.kind, r.getSpec().target.name))));
        return revisions;
    }

    /** Which primaries a revision concerns. */
    @FunctionalInterface
    public interface Targets {
        Set<ResourceID> of(String namespace, String kind, String name);

        /** The target itself, when the primaries are of its kind. */
        static Targets owner(String kind) {
            return (namespace, targetKind, name) -> kind.equals(targetKind) ? Set.of(new ResourceID(name, namespace)) : Set.of();
        }
    }

    /** The cached revisions of a target. */
    public static List<DataRevision> of(Context<?> context, String namespace, String kind, String name) {
        return Caches.eventSource(context, DataRevision.class).byIndex(BY_TARGET, key(namespace, kind, name));
    }

    /** Every cached revision of the namespace. */
    public static List<DataRevision> inNamespace(Context<?> context, String namespace) {
        return Caches.list(context, DataRevision.class, namespace).toList();
    }

    private static String key(String namespace, String kind, String name) {
        return namespace + "/" + kind + "/" + name;
    }
}

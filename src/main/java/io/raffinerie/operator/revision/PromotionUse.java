package io.raffinerie.operator.revision;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.raffinerie.api.v1alpha1.DataPromotion;
import io.raffinerie.model.promotion.PromotionRevisions;
import io.raffinerie.operator.common.Caches;
import io.raffinerie.operator.common.LeanItemStore;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A job or pipeline controller's cache of DataPromotions, indexed by the targets whose revisions they need: those
 * revisions are never pruned, and a promotion that finishes or goes releases them (its event reconciles the target).
 */
public final class PromotionUse {
    private static final String BY_TARGET = "raffinerie-promotions-by-revision-target";

    private PromotionUse() {
    }

    public static <P extends HasMetadata> InformerEventSource<DataPromotion, P> eventSource(EventSourceContext<P> context,
            String kind) {
        InformerEventSource<DataPromotion, P> promotions = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(DataPromotion.class, context.getPrimaryResourceClass())
                .withName("promotions-using-" + kind.toLowerCase())
                .withItemStore(new LeanItemStore<>())
                .withSecondaryToPrimaryMapper(p -> PromotionRevisions.named(p).stream().filter(u -> kind.equals(u.kind()))
                        .map(u -> new ResourceID(u.target(), u.namespace())).collect(Collectors.toSet()))
                .build(), context);
        promotions.addIndexers(Map.of(BY_TARGET, p -> PromotionRevisions.named(p).stream()
                .map(u -> key(u.namespace(), u.kind(), u.target())).distinct().toList()));
        return promotions;
    }

    /** The names of the target's revisions that promotions need. */
    public static Set<String> revisions(Context<?> context, String namespace, String kind, String name) {
        return Caches.eventSource(context, DataPromotion.class).byIndex(BY_TARGET, key(namespace, kind, name)).stream()
                .flatMap(p -> PromotionRevisions.of(p).stream())
                .filter(u -> u.namespace().equals(namespace) && u.kind().equals(kind) && u.target().equals(name))
                .map(PromotionRevisions.Use::revision).collect(Collectors.toSet());
    }

    private static String key(String namespace, String kind, String name) {
        return namespace + "/" + kind + "/" + name;
    }
}

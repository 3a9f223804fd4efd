package io.raffinerie.model.promotion;

import io.raffinerie.api.v1alpha1.DataPromotion;
import io.raffinerie.api.v1alpha1.PromotedObject;
import io.raffinerie.api.v1alpha1.PromotionPhase;
import io.raffinerie.model.revision.Revisions;
import java.util.ArrayList;
import java.util.List;

/**
 * The revisions a promotion needs, kept from pruning: the source revisions it copies, until it finishes, and the
 * target's own revisions it would put back (status.previous), for as long as it can be rolled back (until it is
 * deleted, unless it failed or was rejected: then it wrote nothing that stays).
 */
public final class PromotionRevisions {
    /** One revision in use: the target it belongs to, and its name. */
    public record Use(String namespace, String kind, String target, String revision) {
    }

    private PromotionRevisions() {
    }

    public static List<Use> of(DataPromotion promotion) {
        List<Use> uses = new ArrayList<>();
        var status = promotion.getStatus();
        if (status == null || status.phase == null) {
            return uses;
        }
        if (!status.phase.isFinished() && status.sourceNamespace != null) {
            add(uses, status.sourceNamespace, status.promoted);
        }
        if (status.phase != PromotionPhase.Failed && status.phase != PromotionPhase.Rejected) {
            add(uses, promotion.getMetadata().getNamespace(), status.previous);
        }
        return uses;
    }

    /**
     * Every revision the promotion names, whatever its phase: whom its events concern, so the target whose revision
     * it releases on finishing is reconciled (the informer maps the new state only).
     */
    public static List<Use> named(DataPromotion promotion) {
        List<Use> uses = new ArrayList<>();
        var status = promotion.getStatus();
        if (status != null && status.sourceNamespace != null) {
            add(uses, status.sourceNamespace, status.promoted);
        }
        if (status != null) {
            add(uses, promotion.getMetadata().getNamespace(), status.previous);
        }
        return uses;
    }

    private static void add(List<Use> uses, String namespace, List<PromotedObject> objects) {
        for (PromotedObject object : objects == null ? List.<PromotedObject>of() : objects) {
            if (object.kind != null && object.name != null && object.revision != null) {
                uses.add(new Use(namespace, object.kind, object.name, Revisions.name(object.kind, object.name, object.revision)));
            }
        }
    }
}

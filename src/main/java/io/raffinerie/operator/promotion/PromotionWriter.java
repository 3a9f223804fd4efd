package io.raffinerie.operator.promotion;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.raffinerie.api.v1alpha1.Api;
import io.raffinerie.api.v1alpha1.DataPromotion;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunSpec;
import io.raffinerie.api.v1alpha1.PromotionVerification;
import io.raffinerie.model.LabelValues;
import com.fasterxml.jackson.databind.JsonNode;
import io.raffinerie.model.Problem;
import io.raffinerie.model.promotion.PlannedWrite;
import io.raffinerie.model.promotion.PromotionReasons;
import io.raffinerie.model.promotion.SpecDiff;
import io.raffinerie.model.revision.RevisionContent;
import io.raffinerie.model.promotion.PromotionDecision;
import io.raffinerie.model.revision.Revisions;
import io.raffinerie.operator.common.Creations;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Carries out a promotion's writes: each target object's whole spec is replaced (an update, so fields the source
 * lacks go away, and a concurrent edit is a conflict, tried again on the next reconcile), with the promotion named
 * in its change cause; an object a rollback removes is deleted; the verification run is created once.
 */
@ApplicationScoped
public class PromotionWriter {
    public static final String PROMOTION_LABEL = "raffinerie.io/promotion";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private final KubernetesClient client;

    public PromotionWriter(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Writes one object; a problem when the API server stored a spec other than the one written (a mutating
     * admission, say): writing it again would loop, so the promotion stops there and says so.
     */
    public Optional<Problem> write(DataPromotion promotion, PlannedWrite write) {
        String namespace = promotion.getMetadata().getNamespace();
        var resources = client.genericKubernetesResources(Api.API_VERSION, write.kind()).inNamespace(namespace);
        GenericKubernetesResource live = resources.withName(write.name()).get();
        if (write.desired() == null) {
            if (live != null) {
                resources.resource(live).delete();
            }
            return Optional.empty();
        }
        String cause = cause(promotion, write);
        if (live == null) {
            GenericKubernetesResource created = new GenericKubernetesResource();
            created.setApiVersion(Api.API_VERSION);
            created.setKind(write.kind());
            created.setMetadata(new ObjectMetaBuilder().withName(write.name()).withNamespace(namespace)
                    .withAnnotations(Map.of(Revisions.CHANGE_CAUSE, cause)).build());
            created.setAdditionalProperty("spec", JSON.convertValue(write.desired(), MAP));
            return stored(write, resources.resource(created).create());
        }
        Map<String, String> annotations = new HashMap<>(live.getMetadata().getAnnotations() == null ? Map.of()
                : live.getMetadata().getAnnotations());
        annotations.put(Revisions.CHANGE_CAUSE, cause);
        live.getMetadata().setAnnotations(annotations);
        live.getMetadata().setManagedFields(null);
        live.setAdditionalProperty("spec", JSON.convertValue(write.desired(), MAP));
        live.getAdditionalProperties().remove("status");
        return stored(write, resources.resource(live).update());
    }

    /** The change cause a written object carries: which promotion wrote it, from where, at which revision. */
    public static String cause(DataPromotion promotion, PlannedWrite write) {
        return promotion.getSpec().rollbackOf != null ? "rolled back by DataPromotion " + promotion.getMetadata().getName()
                : "promoted from " + promotion.getSpec().source.environment + " (revision " + write.sourceRevision()
                + ") by DataPromotion " + promotion.getMetadata().getName();
    }

    /** A commit's message: what, from where, who asked and who approved, and a trailer naming the promotion. */
    public static String commitMessage(DataPromotion promotion, io.raffinerie.api.v1alpha1.DataPromotionStatus status) {
        var spec = promotion.getSpec();
        String subject = spec.rollbackOf != null ? "Roll back DataPromotion " + spec.rollbackOf
                : "Promote " + spec.source.kind + " " + spec.source.name + " (revision " + status.revision + ") from "
                + spec.source.environment;
        String approvers = String.join(", ", status.approvals.stream().filter(a -> a.refused == null
                && a.decision == io.raffinerie.api.v1alpha1.ApprovalDecision.Approved).map(a -> a.user).toList());
        return subject + "\n\n" + (status.diff == null ? "" : status.diff.summary + "\n\n") + (spec.reason == null ? "" : spec.reason + "\n\n")
                + "Requested by " + spec.requestedBy + (approvers.isEmpty() ? "" : ", approved by " + approvers) + ".\n\n"
                + "Raffinerie-Promotion: " + promotion.getMetadata().getNamespace() + "/" + promotion.getMetadata().getName() + "\n";
    }

    private static Optional<Problem> stored(PlannedWrite write, GenericKubernetesResource stored) {
        JsonNode spec = RevisionContent.normalise(stored.getAdditionalProperties().get("spec"));
        return write.desired().equals(spec) ? Optional.empty() : Optional.of(new Problem(PromotionReasons.TARGET_ALTERED,
                write.kind() + " " + write.name() + " was stored with a spec other than the one written ("
                + SpecDiff.describe(write.kind(), write.name(), write.desired(), spec) + "): a mutating admission"
                + " changes it; nothing more is written"));
    }

    /** The verification run, owned by the promotion; created once (its name is deterministic). */
    public void startVerification(DataPromotion promotion, PromotionVerification verification) {
        DataRun run = new DataRun();
        run.setMetadata(new ObjectMetaBuilder().withName(PromotionDecision.verificationRun(promotion.getMetadata().getName()))
                .withNamespace(promotion.getMetadata().getNamespace())
                .withLabels(Map.of(PROMOTION_LABEL, LabelValues.of(promotion.getMetadata().getName())))
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(Api.API_VERSION).withKind("DataPromotion")
                        .withName(promotion.getMetadata().getName()).withUid(promotion.getMetadata().getUid()).build())
                .build());
        run.setSpec(new DataRunSpec());
        run.getSpec().jobRef = verification.jobRef;
        run.getSpec().pipelineRef = verification.pipelineRef;
        run.getSpec().parameters = verification.parameters;
        Creations.createIfAbsent(client, run);
    }
}

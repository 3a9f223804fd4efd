package io.raffinerie.operator.promotion;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.raffinerie.api.v1alpha1.Api;
import io.raffinerie.api.v1alpha1.DataRevision;
import io.raffinerie.api.v1alpha1.PreservedField;
import io.raffinerie.api.v1alpha1.PromotedObject;
import io.raffinerie.api.v1alpha1.RevisionTarget;
import io.raffinerie.model.Problem;
import io.raffinerie.model.promotion.PlannedWrite;
import io.raffinerie.model.promotion.PreservedFields;
import io.raffinerie.model.promotion.PromotionReasons;
import io.raffinerie.model.revision.RevisionContent;
import io.raffinerie.model.revision.Revisions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what a promotion copies and what the target holds, straight from the API server (promotions are rare, and
 * a revision's frozen spec is not cached): the source revisions, by their deterministic names, and the target's
 * objects, whose managedFields say whether a GitOps tool owns them.
 */
@ApplicationScoped
public class PromotionSources {
    private final KubernetesClient client;

    public PromotionSources(KubernetesClient client) {
        this.client = client;
    }

    /** A plan, or why there is none. */
    public record Plan(List<PlannedWrite> writes, Optional<Problem> problem) {
        static Plan refused(String reason, String message) {
            return new Plan(List.of(), Optional.of(new Problem(reason, message)));
        }
    }

    /**
     * The object's current revision number, or null when it has none yet (or does not exist). A status that has not
     * caught up with the latest spec (observedGeneration behind) names an older revision, so it names none here.
     */
    public Long currentRevision(String namespace, String kind, String name) {
        return settledRevision(live(namespace, kind, name));
    }

    static Long settledRevision(GenericKubernetesResource object) {
        Object status = object == null ? null : object.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> map) || !(map.get("observedGeneration") instanceof Number observed)
                || observed.longValue() != object.getMetadata().getGeneration()) {
            return null;
        }
        return map.get("currentRevision") instanceof Number n ? n.longValue() : null;
    }

    /** The writes that copy revision {@code revision} of the source (a pipeline with the job revisions it pins). */
    public Plan promote(String sourceNamespace, String kind, String name, Long revision, String targetNamespace,
            Set<PreservedField> preserve) {
        if (revision == null) {
            return Plan.refused(PromotionReasons.SOURCE_NOT_FOUND, kind + " " + name + " in " + sourceNamespace
                    + (live(sourceNamespace, kind, name) == null ? " does not exist" : " has no revision yet"));
        }
        DataRevision top = revision(sourceNamespace, Revisions.name(kind, name, revision));
        if (top == null) {
            return Plan.refused(PromotionReasons.REVISION_NOT_FOUND, kind + " " + name + " in " + sourceNamespace
                    + " has no revision " + revision);
        }
        List<PlannedWrite> writes = new ArrayList<>();
        for (Map.Entry<String, String> job : (top.getSpec().jobs == null ? Map.<String, String>of() : top.getSpec().jobs).entrySet()) {
            DataRevision pinned = revision(sourceNamespace, job.getValue());
            if (pinned == null) {
                return Plan.refused(PromotionReasons.REVISION_NOT_FOUND, "DataPipeline " + name + " revision " + revision
                        + " pins DataRevision " + job.getValue() + ", which is gone from " + sourceNamespace);
            }
            writes.add(write(targetNamespace, RevisionTarget.JOB, job.getKey(), pinned.getSpec().revision, pinned.getSpec().spec, preserve));
        }
        writes.add(write(targetNamespace, kind, name, revision, top.getSpec().spec, preserve));
        return new Plan(writes, Optional.empty());
    }

    /**
     * The writes that put back what the target had: its own revisions, or nothing where the object was new; jobs
     * before the pipelines that use them, removals last.
     */
    public Plan restore(String namespace, List<PromotedObject> previous) {
        List<PlannedWrite> writes = new ArrayList<>();
        for (PromotedObject object : previous) {
            GenericKubernetesResource current = live(namespace, object.kind, object.name);
            JsonNode currentSpec = current == null ? null : RevisionContent.normalise(current.getAdditionalProperties().get("spec"));
            if (object.revision == null) {
                writes.add(new PlannedWrite(object.kind, object.name, null, null, currentSpec, settledRevision(current)));
                continue;
            }
            DataRevision own = revision(namespace, Revisions.name(object.kind, object.name, object.revision));
            if (own == null) {
                return Plan.refused(PromotionReasons.REVISION_NOT_FOUND, object.kind + " " + object.name + " has no revision "
                        + object.revision + " any more in " + namespace + ": it cannot be put back");
            }
            writes.add(new PlannedWrite(object.kind, object.name, object.revision,
                    (com.fasterxml.jackson.databind.node.ObjectNode) RevisionContent.normalise(own.getSpec().spec), currentSpec,
                    settledRevision(current)));
        }
        // What is removed goes last, once the pipelines that named it are back to their own steps.
        writes.sort(java.util.Comparator.comparing(w -> w.desired() == null));
        return new Plan(writes, Optional.empty());
    }

    /** The GitOps tool owning a target object of the plan, if any, in words. */
    public Optional<String> gitOpsOwner(String namespace, List<PlannedWrite> writes) {
        for (PlannedWrite write : writes) {
            GenericKubernetesResource current = live(namespace, write.kind(), write.name());
            Optional<String> owner = current == null ? Optional.empty()
                    : io.raffinerie.model.promotion.GitOpsOwners.of(current.getMetadata());
            if (owner.isPresent()) {
                return Optional.of(write.kind() + " " + write.name() + " in " + namespace + " is managed by " + owner.get());
            }
        }
        return Optional.empty();
    }

    private PlannedWrite write(String namespace, String kind, String name, Long revision, JsonNode frozen,
            Set<PreservedField> preserve) {
        GenericKubernetesResource current = live(namespace, kind, name);
        JsonNode currentSpec = current == null ? null : RevisionContent.normalise(current.getAdditionalProperties().get("spec"));
        JsonNode desired = RevisionContent.normalise(PreservedFields.apply(RevisionContent.normalise(frozen), currentSpec, preserve));
        return new PlannedWrite(kind, name, revision, (com.fasterxml.jackson.databind.node.ObjectNode) desired, currentSpec,
                settledRevision(current));
    }

    GenericKubernetesResource live(String namespace, String kind, String name) {
        return client.genericKubernetesResources(Api.API_VERSION, kind).inNamespace(namespace).withName(name).get();
    }

    private DataRevision revision(String namespace, String name) {
        return client.resources(DataRevision.class).inNamespace(namespace).withName(name).get();
    }
}

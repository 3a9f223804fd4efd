package io.raffinerie.model.revision;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.raffinerie.api.v1alpha1.DataRevision;
import io.raffinerie.api.v1alpha1.DataRevisionSpec;
import io.raffinerie.api.v1alpha1.RevisionTarget;
import io.raffinerie.model.ChildNames;
import io.raffinerie.model.LabelValues;
import io.raffinerie.model.RunLabels;
import io.raffinerie.model.environment.EnvironmentModel;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The DataRevisions of a job or pipeline: their names, labels and numbers. A job's revision n is {@code <job>-n}, a
 * pipeline's {@code <pipeline>-pn}: the last dash-separated part is all digits for a job and starts with p for a
 * pipeline, so a job and a pipeline of the same name never share a revision name. Names longer than an object name
 * keep a prefix and end with a hash, as {@link ChildNames} shortens them.
 */
public final class Revisions {
    public static final String PIPELINE_LABEL = "raffinerie.io/pipeline";
    public static final String REVISION_LABEL = "raffinerie.io/revision";
    /** The annotation on a job or pipeline that says why its spec changed; copied into the revision. */
    public static final String CHANGE_CAUSE = "raffinerie.io/change-cause";
    public static final int DEFAULT_KEPT = 20;
    private static final int MAX_NAME = 253;
    private static final int MAX_CHANGE_CAUSE = 1024;

    private Revisions() {
    }

    public static String name(String kind, String target, long revision) {
        return ChildNames.ofMaxLength(MAX_NAME, target, (RevisionTarget.PIPELINE.equals(kind) ? "p" : "") + revision);
    }

    /** The label that names the target: raffinerie.io/job or raffinerie.io/pipeline. */
    public static String targetLabel(String kind) {
        return RevisionTarget.PIPELINE.equals(kind) ? PIPELINE_LABEL : RunLabels.JOB;
    }

    /** Whether the revision is one of the target's (the label may be shortened: the spec says). */
    public static boolean belongsTo(DataRevision revision, String kind, String target) {
        return revision.getSpec() != null && revision.getSpec().target != null && kind.equals(revision.getSpec().target.kind)
                && target.equals(revision.getSpec().target.name);
    }

    /** The revision with this content, the oldest when several have it. */
    public static Optional<DataRevision> withHash(Collection<DataRevision> revisions, String hash) {
        return revisions.stream().filter(r -> hash.equals(r.getSpec().contentHash))
                .min(Comparator.comparingLong(r -> r.getSpec().revision));
    }

    public static Optional<DataRevision> numbered(Collection<DataRevision> revisions, long number) {
        return revisions.stream().filter(r -> r.getSpec().revision != null && r.getSpec().revision == number).findFirst();
    }

    /** The number a new revision gets: one more than the highest known. */
    public static long next(Collection<DataRevision> revisions) {
        return revisions.stream().mapToLong(r -> r.getSpec().revision).max().orElse(0) + 1;
    }

    /** A new revision of {@code target} (a DataJob or DataPipeline), owned by it. */
    public static DataRevision desired(HasMetadata target, long number, JsonNode spec, Map<String, String> jobs, String hash,
            String createdBy) {
        String kind = target.getKind();
        String name = target.getMetadata().getName();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(targetLabel(kind), LabelValues.of(name));
        labels.put(REVISION_LABEL, String.valueOf(number));
        labels.put(EnvironmentModel.MANAGED_BY_LABEL, EnvironmentModel.MANAGED_BY);
        DataRevision revision = new DataRevision();
        revision.getMetadata().setName(name(kind, name, number));
        revision.getMetadata().setNamespace(target.getMetadata().getNamespace());
        revision.getMetadata().setLabels(labels);
        revision.getMetadata().setOwnerReferences(java.util.List.of(new OwnerReferenceBuilder()
                .withApiVersion(target.getApiVersion())
                .withKind(kind)
                .withName(name)
                .withUid(target.getMetadata().getUid())
                .build()));
        DataRevisionSpec content = new DataRevisionSpec();
        content.target = new RevisionTarget(kind, name);
        content.revision = number;
        content.contentHash = hash;
        content.spec = RevisionContent.normalise(spec);
        content.jobs = jobs == null || jobs.isEmpty() ? null : jobs;
        content.changeCause = changeCause(target);
        content.createdBy = createdBy == null ? null : createdBy.substring(0, Math.min(createdBy.length(), 512));
        revision.setSpec(content);
        return revision;
    }

    private static String changeCause(HasMetadata target) {
        Map<String, String> annotations = target.getMetadata().getAnnotations();
        String cause = annotations == null ? null : annotations.get(CHANGE_CAUSE);
        return cause == null ? null : cause.substring(0, Math.min(cause.length(), MAX_CHANGE_CAUSE));
    }
}

package io.raffinerie.operator.revision;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataRevision;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.RevisionTarget;
import io.raffinerie.api.v1alpha1.RunSnapshot;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.job.ScriptConfigMaps;
import io.raffinerie.model.revision.RevisionContent;
import io.raffinerie.model.revision.RunRevisionChoice;
import io.raffinerie.model.revision.Revisions;
import io.raffinerie.model.revision.SnapshotRevisions;
import io.raffinerie.model.run.RunStatuses;
import io.raffinerie.operator.common.Creations;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The revisions runs execute: the one a run pins (read whole from the API server, checked against its hash) or the
 * one holding the current spec (from the cache). A run that waits for a revision is woken by that revision's event.
 */
@ApplicationScoped
public class RunRevisions {
    private final KubernetesClient client;

    public RunRevisions(KubernetesClient client) {
        this.client = client;
    }

    /** The job a job run executes (the live one, or a copy with the pinned revision's spec) and its revision. */
    public record JobChoice(DataJob job, Long revision, Optional<Problem> problem) {
    }

    /** What a pipeline run executes, or why it cannot start yet. */
    public record PipelineChoice(RunSnapshot snapshot, Optional<Problem> problem) {
    }

    public JobChoice job(DataRun run, DataJob job, Context<?> context) {
        String namespace = job.getMetadata().getNamespace();
        String name = job.getMetadata().getName();
        RunRevisionChoice.Choice choice = confirmed(RunRevisionChoice.choose(RevisionTarget.JOB, name, run.getSpec().revision,
                RevisionCache.of(context, namespace, RevisionTarget.JOB, name), RevisionContent.hash(job.getSpec(), null)),
                namespace, RevisionTarget.JOB, name, run.getSpec().revision);
        if (choice.problem() != null) {
            return new JobChoice(job, null, choice.problemOpt());
        }
        if (run.getSpec().revision == null) {
            return new JobChoice(job, choice.revision().getSpec().revision, Optional.empty());
        }
        Whole whole = whole(choice.revision());
        if (whole.problem().isPresent()) {
            return new JobChoice(job, null, whole.problem());
        }
        DataJob pinned = new DataJob();
        pinned.getMetadata().setName(name);
        pinned.getMetadata().setNamespace(namespace);
        pinned.getMetadata().setUid(job.getMetadata().getUid());
        pinned.setSpec(RevisionContent.read(whole.revision().getSpec().spec, DataJobSpec.class));
        return new JobChoice(pinned, whole.revision().getSpec().revision, Optional.empty());
    }

    /** The snapshot of the pipeline revision a run pins, with the job revisions it pins, all read whole. */
    public PipelineChoice pinned(DataRun run, Context<?> context) {
        String namespace = run.getMetadata().getNamespace();
        String name = run.getSpec().pipelineRef;
        RunRevisionChoice.Choice choice = confirmed(RunRevisionChoice.choose(RevisionTarget.PIPELINE, name, run.getSpec().revision,
                RevisionCache.of(context, namespace, RevisionTarget.PIPELINE, name), null),
                namespace, RevisionTarget.PIPELINE, name, run.getSpec().revision);
        if (choice.problem() != null) {
            return new PipelineChoice(null, choice.problemOpt());
        }
        Whole pipeline = whole(choice.revision());
        if (pipeline.problem().isPresent()) {
            return new PipelineChoice(null, pipeline.problem());
        }
        Map<String, DataRevision> jobs = new TreeMap<>();
        Map<String, String> pinned = pipeline.revision().getSpec().jobs == null ? Map.of() : pipeline.revision().getSpec().jobs;
        for (Map.Entry<String, String> job : pinned.entrySet()) {
            Whole revision = whole(namespace, job.getValue());
            if (revision.problem().isPresent()) {
                return new PipelineChoice(null, revision.problem());
            }
            jobs.put(job.getKey(), revision.revision());
        }
        return new PipelineChoice(SnapshotRevisions.of(pipeline.revision(), jobs), Optional.empty());
    }

    /** Stamps a snapshot of the live pipeline with its revisions; a problem while they are not recorded yet. */
    public static Optional<Problem> stamp(RunSnapshot snapshot, DataPipeline pipeline, Function<String, DataJobSpec> jobs,
            Context<?> context) {
        String namespace = pipeline.getMetadata().getNamespace();
        Set<String> names = snapshot.jobs.stream().map(j -> j.name).collect(Collectors.toSet());
        Optional<Map<String, DataRevision>> current = TargetRevisions.currentJobRevisions(context, namespace, names, jobs);
        String hash = current.map(c -> RevisionContent.hash(pipeline.getSpec(), TargetRevisions.names(c))).orElse("");
        RunRevisionChoice.Choice choice = RunRevisionChoice.choose(RevisionTarget.PIPELINE, pipeline.getMetadata().getName(), null,
                RevisionCache.of(context, namespace, RevisionTarget.PIPELINE, pipeline.getMetadata().getName()), hash);
        if (choice.problem() != null) {
            return choice.problemOpt();
        }
        SnapshotRevisions.stamp(snapshot, choice.revision(), current.orElseThrow());
        return Optional.empty();
    }

    /** A pinned run's inline script, in the content-named ConfigMap its Job mounts, owned by the run when made here. */
    public void ensureScript(DataRun run, DataJob job) {
        if (job.getSpec().script == null) {
            return;
        }
        ConfigMap script = ScriptConfigMaps.desired(job);
        script.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion(run.getApiVersion())
                .withKind(run.getKind()).withName(run.getMetadata().getName()).withUid(run.getMetadata().getUid()).build()));
        Creations.createIfAbsent(client, script);
    }

    /** A revision event wakes the unfinished runs of its target: a run may wait for it. */
    public static RevisionCache.Targets waitingRuns(EventSourceContext<DataRun> context) {
        return (namespace, kind, name) -> context.getPrimaryCache().list(namespace)
                .filter(run -> run.getSpec() != null && !RunStatuses.isFinished(run.getStatus()))
                .filter(run -> name.equals(RevisionTarget.JOB.equals(kind) ? run.getSpec().jobRef : run.getSpec().pipelineRef))
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
    }

    /**
     * A pinned revision the cache does not have fails the run at once (RevisionNotFound), so the API server is asked
     * first: the cache may not have seen it yet.
     */
    private RunRevisionChoice.Choice confirmed(RunRevisionChoice.Choice choice, String namespace, String kind, String target,
            Long pinned) {
        if (choice.problem() == null || !Reasons.REVISION_NOT_FOUND.equals(choice.problem().reason())) {
            return choice;
        }
        DataRevision live = client.resources(DataRevision.class).inNamespace(namespace).withName(Revisions.name(kind, target, pinned)).get();
        boolean same = live != null && live.getSpec() != null && pinned.equals(live.getSpec().revision)
                && live.getSpec().target != null && kind.equals(live.getSpec().target.kind) && target.equals(live.getSpec().target.name);
        return same ? new RunRevisionChoice.Choice(live, null) : choice;
    }

    private record Whole(DataRevision revision, Optional<Problem> problem) {
    }

    private Whole whole(DataRevision cached) {
        return whole(cached.getMetadata().getNamespace(), cached.getMetadata().getName());
    }

    /** The revision with its frozen spec, which the caches leave out; checked against its content hash. */
    private Whole whole(String namespace, String name) {
        DataRevision revision = client.resources(DataRevision.class).inNamespace(namespace).withName(name).get();
        if (revision == null || revision.getSpec() == null) {
            return new Whole(null, Optional.of(new Problem(Reasons.REVISION_NOT_FOUND, "DataRevision " + name
                    + " does not exist in namespace " + namespace)));
        }
        Optional<Problem> corrupted = RunRevisionChoice.corrupted(revision);
        return new Whole(corrupted.isPresent() ? null : revision, corrupted);
    }
}

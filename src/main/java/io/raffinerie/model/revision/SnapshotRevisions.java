package io.raffinerie.model.revision;

import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataPipelineSpec;
import io.raffinerie.api.v1alpha1.DataRevision;
import io.raffinerie.api.v1alpha1.PipelineStep;
import io.raffinerie.api.v1alpha1.RunSnapshot;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.pipeline.FinallySteps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a pipeline run executes, by revision: the snapshot a pinned run freezes, and each step's job revision. */
public final class SnapshotRevisions {
    private SnapshotRevisions() {
    }

    /** The snapshot of a pipeline revision and the job revisions it pins (all read whole, with their specs). */
    public static RunSnapshot of(DataRevision pipeline, Map<String, DataRevision> jobs) {
        RunSnapshot snapshot = new RunSnapshot();
        snapshot.pipelineRevision = pipeline.getSpec().revision;
        snapshot.pipeline = RevisionContent.read(pipeline.getSpec().spec, DataPipelineSpec.class);
        snapshot.jobs = new ArrayList<>();
        jobs.forEach((name, revision) -> {
            RunSnapshot.JobSnapshot job = new RunSnapshot.JobSnapshot();
            job.name = name;
            job.revision = revision.getSpec().revision;
            job.spec = RevisionContent.read(revision.getSpec().spec, DataJobSpec.class);
            snapshot.jobs.add(job);
        });
        return snapshot;
    }

    /** Stamps a snapshot taken of the live pipeline with the revisions that hold what it froze. */
    public static void stamp(RunSnapshot snapshot, DataRevision pipeline, Map<String, DataRevision> jobs) {
        snapshot.pipelineRevision = pipeline.getSpec().revision;
        snapshot.jobs.forEach(job -> job.revision = Optional.ofNullable(jobs.get(job.name)).map(r -> r.getSpec().revision).orElse(null));
    }

    /** Each step that ran here (not reused from an earlier run) gets the revision of its job. */
    public static void stampSteps(RunSnapshot snapshot, List<StepStatus> steps) {
        for (StepStatus step : steps) {
            if (step.reusedFrom != null || step.revision != null) {
                continue;
            }
            FinallySteps.all(snapshot.pipeline).stream().filter(s -> s.name.equals(step.name)).map(s -> s.jobRef)
                    .findFirst()
                    .flatMap(jobRef -> snapshot.jobs.stream().filter(j -> j.name.equals(jobRef)).findFirst())
                    .ifPresent(job -> step.revision = job.revision);
        }
    }
}

package io.raffinerie.model.run;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.model.ChildNames;
import io.raffinerie.model.LabelValues;
import io.raffinerie.model.job.JobTemplates;
import io.raffinerie.model.RunLabels;
import io.raffinerie.model.job.TechnologyCatalog;
import java.util.List;
import java.util.Map;

/** The batch/v1 Jobs of runs: deterministic names, so that creating one twice is harmless. */
public final class JobRuns {
    private JobRuns() {
    }

    /** The Job of a job run, or of one step of a pipeline run ({@code step} null for a job run). */
    public static String jobName(DataRun run, String step) {
        return step == null ? ChildNames.of(run.getMetadata().getName()) : ChildNames.of(run.getMetadata().getName(), step);
    }

    /** The Job that runs {@code job} for {@code run}, owned by the run. */
    public static Job desired(DataRun run, String step, DataJob job, TechnologyCatalog.Resolution resolution,
            Map<String, String> parameters, DataEnvironmentSpec environment) {
        Map<String, String> labels = JobTemplates.labels(job.getMetadata().getName());
        labels.put(RunLabels.RUN, LabelValues.of(run.getMetadata().getName()));
        if (step != null) {
            labels.put(RunLabels.STEP, LabelValues.of(step));
        }
        Map<String, String> jobLabels = new java.util.LinkedHashMap<>(labels);
        if (job.getMetadata().getGeneration() != null) { // a revision's spec has no generation
            jobLabels.put(RunLabels.SPEC_GENERATION, String.valueOf(job.getMetadata().getGeneration()));
        }
        return new JobBuilder()
                .withNewMetadata()
                .withName(jobName(run, step))
                .withNamespace(run.getMetadata().getNamespace())
                .withLabels(jobLabels)
                .withAnnotations(resolution.version() == null ? null : Map.of(RunLabels.TECHNOLOGY_VERSION, resolution.version()))
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion(run.getApiVersion())
                        .withKind(run.getKind())
                        .withName(run.getMetadata().getName())
                        .withUid(run.getMetadata().getUid())
                        .withController(true)
                        .withBlockOwnerDeletion(true)
                        .build())
                .endMetadata()
                .withSpec(JobTemplates.spec(job, resolution, parameters, environment, labels))
                .build();
    }

    /** The DataJob generation a Job was built from, if it says. */
    public static Long specGeneration(Job job) {
        String value = job.getMetadata().getLabels() == null ? null : job.getMetadata().getLabels().get(RunLabels.SPEC_GENERATION);
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The job of a started run whose DataJob was deleted: the run still finishes, its Job carries everything it needs. */
    public static DataJob placeholder(DataRun run) {
        DataJob job = new DataJob();
        job.getMetadata().setName(run.getSpec().jobRef);
        job.getMetadata().setNamespace(run.getMetadata().getNamespace());
        job.setSpec(new DataJobSpec());
        return job;
    }
}

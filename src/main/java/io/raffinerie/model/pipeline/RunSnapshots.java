package io.raffinerie.model.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunSpec;
import io.raffinerie.api.v1alpha1.Parameter;
import io.raffinerie.api.v1alpha1.PipelineStep;
import io.raffinerie.api.v1alpha1.RunSnapshot;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.RunParameters;
import io.raffinerie.model.run.RunStatuses;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Freezing a pipeline and its jobs for a run, and the parameters each step gets from it. */
public final class RunSnapshots {
    /** Statuses live in etcd, whose objects must stay well below 1.5 MiB; counted on the frozen (compressed) form. */
    public static final int MAX_BYTES = 512 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private RunSnapshots() {
    }

    public static RunSnapshot of(DataPipeline pipeline, Map<String, DataJob> jobs) {
        RunSnapshot snapshot = new RunSnapshot();
        snapshot.pipelineGeneration = pipeline.getMetadata().getGeneration();
        snapshot.pipeline = JSON.convertValue(pipeline.getSpec(), pipeline.getSpec().getClass());
        snapshot.jobs = new ArrayList<>();
        FinallySteps.all(pipeline.getSpec()).stream().map(s -> s.jobRef).distinct().forEach(name -> {
            RunSnapshot.JobSnapshot job = new RunSnapshot.JobSnapshot();
            job.name = name;
            job.generation = jobs.get(name).getMetadata().getGeneration();
            job.spec = JSON.convertValue(jobs.get(name).getSpec(), jobs.get(name).getSpec().getClass());
            snapshot.jobs.add(job);
        });
        return snapshot;
    }

    /** A problem when the frozen specs are too large to keep in the run's status, counted as the status keeps them. */
    public static Optional<Problem> sizeProblem(RunSnapshot snapshot) {
        try {
            int size = freeze(snapshot).length();
            return size <= MAX_BYTES ? Optional.empty() : Optional.of(new Problem("SnapshotTooLarge", "the pipeline and its jobs"
                    + " take " + size + " bytes compressed, more than the " + MAX_BYTES + " a run can keep; move large scripts into images"));
        } catch (UncheckedIOException e) {
            return Optional.of(new Problem(Reasons.INVALID_SPEC, "the pipeline cannot be serialized: " + e.getCause().getMessage()));
        }
    }

    /** The snapshot as a run's status keeps it (status.frozen): the base64 of the gzip of its JSON. */
    public static String freeze(RunSnapshot snapshot) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            JSON.writeValue(gzip, snapshot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** Whether the run froze what it executes, that is, started. */
    public static boolean isFrozen(DataRunStatus status) {
        return status != null && (status.frozen != null || status.snapshot != null);
    }

    /**
     * What a run executes, from its status: status.frozen, or the plain snapshot runs of earlier versions kept;
     * empty until the run started. A frozen form that cannot be read (someone edited the status) is an error that
     * names the run's field.
     */
    public static Optional<RunSnapshot> frozen(DataRunStatus status) {
        if (status == null || status.frozen == null) {
            return Optional.ofNullable(status == null ? null : status.snapshot);
        }
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(status.frozen)))) {
            return Optional.of(JSON.readValue(gzip, RunSnapshot.class));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("status.frozen cannot be read back (" + e.getMessage() + "); it is written by the"
                    + " operator only", e);
        }
    }

    /** The spec of a job as the snapshot froze it, if it froze that job. */
    public static Optional<DataJobSpec> frozenJob(RunSnapshot snapshot, String name) {
        return snapshot.jobs.stream().filter(j -> j.name.equals(name)).findFirst().map(j -> j.spec);
    }

    /** The job of a step, as frozen. */
    public static DataJob job(RunSnapshot snapshot, PipelineStep step, String namespace) {
        return job(snapshot, step.jobRef, namespace);
    }

    /** A job, as frozen. */
    public static DataJob job(RunSnapshot snapshot, String name, String namespace) {
        RunSnapshot.JobSnapshot frozen = snapshot.jobs.stream().filter(j -> j.name.equals(name)).findFirst().orElseThrow();
        DataJob job = new DataJob();
        job.getMetadata().setName(frozen.name);
        job.getMetadata().setNamespace(namespace);
        job.getMetadata().setGeneration(frozen.generation);
        job.setSpec(frozen.spec);
        return job;
    }

    /**
     * A step's parameters: its job's defaults, then the pipeline's values (defaults overridden by the run), then
     * the step's own. Every pipeline parameter reaches every step.
     */
    public static Map<String, String> stepParameters(RunSnapshot snapshot, PipelineStep step, Map<String, String> runValues) {
        Map<String, String> values = new LinkedHashMap<>();
        DataJob job = job(snapshot, step, null);
        for (Parameter parameter : job.getSpec().parameters == null ? List.<Parameter>of() : job.getSpec().parameters) {
            if (parameter.defaultValue != null) {
                values.put(parameter.name, parameter.defaultValue);
            }
        }
        values.putAll(RunParameters.resolve("pipeline", snapshot.pipeline.parameters, runValues).values());
        if (step.parameters != null) {
            values.putAll(step.parameters);
        }
        return values;
    }

    /** A job parameter without a default that neither the pipeline nor the step gives. */
    public static Optional<Problem> missingStepParameter(RunSnapshot snapshot, Map<String, String> runValues) {
        for (PipelineStep step : FinallySteps.all(snapshot.pipeline)) {
            Map<String, String> values = stepParameters(snapshot, step, runValues);
            List<Parameter> declared = job(snapshot, step, null).getSpec().parameters;
            for (Parameter parameter : declared == null ? List.<Parameter>of() : declared) {
                if (!values.containsKey(parameter.name)) {
                    return Optional.of(new Problem(Reasons.MISSING_PARAMETER, "step " + step.name + ": DataJob " + step.jobRef
                            + " requires " + parameter.name + ", which neither the pipeline nor the step gives"));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether a retry reruns its steps with the pipeline and jobs as they are now, rather than as the original ran. */
    public static boolean retriesLatest(DataRunSpec spec) {
        return spec.retry != null && Boolean.TRUE.equals(spec.retry.useLatest);
    }

    /**
     * The steps of a finished run that a retry reuses: the succeeded ones that the retry's snapshot still has,
     * marked with where they came from.
     */
    public static List<StepStatus> reusedSteps(DataRun original, RunSnapshot retry) {
        List<StepStatus> reused = new ArrayList<>();
        for (StepStatus step : original.getStatus().steps) {
            if (step.phase == StepPhase.Succeeded && retry.pipeline.steps.stream().anyMatch(s -> s.name.equals(step.name))) {
                StepStatus copy = RunStatuses.copy(step);
                copy.reusedFrom = step.reusedFrom != null ? step.reusedFrom : original.getMetadata().getName();
                reused.add(copy);
            }
        }
        return reused;
    }
}

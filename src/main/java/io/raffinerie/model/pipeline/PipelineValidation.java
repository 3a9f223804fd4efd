package io.raffinerie.model.pipeline;

import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataPipelineSpec;
import io.raffinerie.api.v1alpha1.FinallyStep;
import io.raffinerie.api.v1alpha1.PipelineStep;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.CronSchedule;
import io.raffinerie.model.Durations;
import io.raffinerie.model.Problem;
import io.raffinerie.model.job.JobValidation;
import io.raffinerie.model.job.TechnologyCatalog;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** What the schema cannot check about a pipeline: cycles, its jobs, the schedule, durations. */
public final class PipelineValidation {
    private PipelineValidation() {
    }

    /** The first problem, given the names of the DataJobs that exist in the pipeline's namespace. */
    public static Optional<Problem> validate(DataPipelineSpec spec, Set<String> existingJobs, String namespace) {
        PipelineGraph.Result graph = PipelineGraph.of(spec == null ? null : spec.steps);
        if (!graph.isValid()) {
            return Optional.of(graph.problem());
        }
        return Durations.check("spec.timeout", spec.timeout)
                .or(() -> CronSchedule.check(spec.schedule))
                .or(() -> graph.graph().findMissingJob(existingJobs, namespace))
                .or(() -> finallyProblem(spec, existingJobs, namespace));
    }

    /** What the schema says of finally steps, for a pipeline written before its rules, and their missing jobs. */
    private static Optional<Problem> finallyProblem(DataPipelineSpec spec, Set<String> existingJobs, String namespace) {
        Set<String> names = new HashSet<>();
        spec.steps.forEach(step -> names.add(step.name));
        for (FinallyStep step : FinallySteps.of(spec)) {
            if (!names.add(step.name)) {
                return Optional.of(new Problem(Reasons.INVALID_SPEC, "spec.finally: the step name \"" + step.name
                        + "\" is used more than once; step names must be unique"));
            }
            if (!existingJobs.contains(step.jobRef)) {
                return Optional.of(new Problem(Reasons.JOB_NOT_FOUND, "finally step \"" + step.name + "\" runs DataJob \""
                        + step.jobRef + "\", which does not exist in namespace " + namespace));
            }
        }
        return Optional.empty();
    }

    /**
     * The first step whose DataJob is not valid (an unknown technology, say): a pipeline is no readier than its jobs.
     * {@code jobs} gives a job's spec by name, or null for a job that does not exist (reported elsewhere).
     */
    public static Optional<Problem> invalidStepJob(List<PipelineStep> steps, Function<String, DataJobSpec> jobs,
            TechnologyCatalog catalog) {
        for (PipelineStep step : steps == null ? List.<PipelineStep>of() : steps) {
            DataJobSpec job = jobs.apply(step.jobRef);
            Optional<Problem> problem = job == null ? Optional.empty() : JobValidation.validate(job, catalog);
            if (problem.isPresent()) {
                return Optional.of(new Problem(problem.get().reason(), "step " + step.name + ": DataJob " + step.jobRef
                        + " is not valid: " + problem.get().message()));
            }
        }
        return Optional.empty();
    }
}

package io.raffinerie.model.pipeline;

import io.raffinerie.api.v1alpha1.DataPipelineSpec;
import io.raffinerie.model.CronSchedule;
import io.raffinerie.model.Durations;
import io.raffinerie.model.Problem;
import java.util.Optional;
import java.util.Set;

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
                .or(() -> graph.graph().findMissingJob(existingJobs, namespace));
    }
}

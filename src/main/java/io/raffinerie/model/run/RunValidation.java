package io.raffinerie.model.run;

import io.raffinerie.model.RunParameters;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataRunSpec;
import io.raffinerie.api.v1alpha1.Parameter;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.job.JobValidation;
import io.raffinerie.model.job.TechnologyCatalog;
import java.util.List;
import java.util.Optional;

/** Whether a run can start: what it runs exists and is valid, and its parameters fit. */
public final class RunValidation {
    private RunValidation() {
    }

    /** The first problem, given the job or pipeline the run names (empty when it does not exist). */
    public static Optional<Problem> validate(DataRunSpec spec, String namespace, Optional<DataJob> job,
            Optional<DataPipeline> pipeline, TechnologyCatalog catalog) {
        if (spec == null || (spec.jobRef == null) == (spec.pipelineRef == null)) {
            return Optional.of(new Problem(Reasons.INVALID_SPEC, "spec: set exactly one of jobRef and pipelineRef"));
        }
        if (spec.jobRef != null) {
            if (job.isEmpty()) {
                return Optional.of(new Problem(Reasons.JOB_NOT_FOUND,
                        "spec.jobRef: DataJob \"" + spec.jobRef + "\" does not exist in namespace " + namespace));
            }
            return JobValidation.validate(job.get().getSpec(), catalog)
                    .map(p -> new Problem(p.reason(), "DataJob " + spec.jobRef + " is not valid: " + p.message()))
                    .or(() -> parametersProblem("DataJob " + spec.jobRef,
                            job.get().getSpec() == null ? null : job.get().getSpec().parameters, spec));
        }
        if (pipeline.isEmpty()) {
            return Optional.of(new Problem(Reasons.PIPELINE_NOT_FOUND,
                    "spec.pipelineRef: DataPipeline \"" + spec.pipelineRef + "\" does not exist in namespace " + namespace));
        }
        return parametersProblem("DataPipeline " + spec.pipelineRef,
                pipeline.get().getSpec() == null ? null : pipeline.get().getSpec().parameters, spec);
    }

    /**
     * A retry inherits the original run's values, which this check does not see: a value it lacks is no problem here
     * (the pipeline run checks the inherited values when it starts); an unknown parameter still is.
     */
    private static Optional<Problem> parametersProblem(String target, List<Parameter> declared, DataRunSpec spec) {
        return RunParameters.resolve(target, declared, spec.parameters).problem()
                .filter(problem -> spec.retryOf == null || !Reasons.MISSING_PARAMETER.equals(problem.reason()));
    }
}

package io.raffinerie.model.pipeline;

import io.raffinerie.api.v1alpha1.DataPipelineSpec;
import io.raffinerie.api.v1alpha1.FinallyStep;
import io.raffinerie.api.v1alpha1.FinallyWhen;
import io.raffinerie.api.v1alpha1.PipelineStep;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.Reasons;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The finally steps of a pipeline (Tekton's finally, Argo's onExit): they start together once every step has ended,
 * and get the outcome of those steps as their input, so that an alert fires whatever failed and however far up.
 */
public final class FinallySteps {
    /** The environment variables through which a finally step's job learns how the steps ended. */
    public static final String OUTCOME_VARIABLE = "RAFFINERIE_RUN_OUTCOME";
    public static final String FAILED_STEPS_VARIABLE = "RAFFINERIE_FAILED_STEPS";

    private FinallySteps() {
    }

    public static List<FinallyStep> of(DataPipelineSpec spec) {
        return spec == null || spec.finallySteps == null ? List.of() : spec.finallySteps;
    }

    /** The finally steps as steps without dependencies, for what they share with the others: a job, parameters, a Job. */
    public static List<PipelineStep> asSteps(DataPipelineSpec spec) {
        return of(spec).stream().map(FinallySteps::asStep).toList();
    }

    /** Every step, the finally ones last: the steps whose jobs a run freezes, checks and starts. */
    public static List<PipelineStep> all(DataPipelineSpec spec) {
        List<PipelineStep> all = new ArrayList<>(spec == null || spec.steps == null ? List.of() : spec.steps);
        all.addAll(asSteps(spec));
        return all;
    }

    public static Set<String> names(DataPipelineSpec spec) {
        return of(spec).stream().map(f -> f.name).collect(Collectors.toSet());
    }

    private static PipelineStep asStep(FinallyStep finallyStep) {
        PipelineStep step = new PipelineStep();
        step.name = finallyStep.name;
        step.jobRef = finallyStep.jobRef;
        step.parameters = finallyStep.parameters;
        return step;
    }

    /** How the steps ended, as the finally steps see it: Failed when one failed or the pipeline ran out of time. */
    public static RunPhase outcome(Collection<StepStatus> steps, boolean timedOut) {
        return timedOut || steps.stream().anyMatch(s -> s.phase == StepPhase.Failed) ? RunPhase.Failed : RunPhase.Succeeded;
    }

    /** What a finally step's job gets besides its parameters: the outcome and the failed steps, comma-separated. */
    public static Map<String, String> inputs(Collection<StepStatus> steps, boolean timedOut) {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put(OUTCOME_VARIABLE, outcome(steps, timedOut).name());
        inputs.put(FAILED_STEPS_VARIABLE, steps.stream().filter(s -> s.phase == StepPhase.Failed).map(s -> s.name)
                .collect(Collectors.joining(",")));
        return inputs;
    }

    /**
     * A finally step without a Job yet: it waits for every step to end, then starts when its condition holds and is
     * skipped otherwise. A cancel cancels it. {@code steps} are the pipeline's other steps, decided.
     */
    public static StepStatus decide(FinallyStep step, Collection<StepStatus> steps, boolean cancel, boolean timedOut,
            String jobName, List<String> toStart) {
        StepStatus status = new StepStatus();
        status.name = step.name;
        status.finallyStep = true;
        if (cancel) {
            status.phase = StepPhase.Cancelled;
            status.reason = Reasons.CANCELLED;
            status.message = "the run was cancelled before this step started";
            return status;
        }
        List<String> running = steps.stream().filter(s -> !s.phase.isFinished()).map(s -> s.name).toList();
        if (!running.isEmpty()) {
            status.phase = StepPhase.Pending;
            status.message = "runs once every step has ended; waiting for " + String.join(", ", running);
            return status;
        }
        RunPhase outcome = outcome(steps, timedOut);
        FinallyWhen when = step.when == null ? FinallyWhen.Always : step.when;
        if (when != FinallyWhen.Always && !when.name().equals(outcome.name())) {
            status.phase = StepPhase.Skipped;
            status.reason = Reasons.CONDITION_NOT_MET;
            status.message = "when " + when + ": the steps ended " + outcome;
            return status;
        }
        toStart.add(step.name);
        status.phase = StepPhase.Pending;
        status.job = jobName;
        return status;
    }
}

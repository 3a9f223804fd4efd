package io.raffinerie.model.pipeline;

import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.RunReason;
import io.raffinerie.api.v1alpha1.StepStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a pipeline run is to do now: its steps' statuses, the steps whose Jobs to create, the Jobs to stop, the
 * run's phase, reason (when it ended other than Succeeded) and message, how long until its deadline, and what the
 * finally steps get as input.
 */
public record PipelineRunPlan(List<StepStatus> steps, List<String> stepsToStart, List<String> jobsToStop, RunPhase phase,
        RunReason reason, String message, Optional<Duration> untilDeadline, Map<String, String> finallyInputs) {
}

package io.raffinerie.model.run;

import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.Reasons;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How far a run's steps got, said honestly. {@code progress} counts the succeeded steps of the steps meant to run,
 * as Argo Workflows does: a failed or cancelled run never reads 4/4. A step skipped because its {@code when} was not
 * met was never meant to run and is left out; one skipped because an upstream step failed counts. The summary gives
 * the other counts: "4 of 5 finished: 2 succeeded, 1 failed, 1 skipped".
 */
public record RunProgress(int total, int meant, Map<StepPhase, Integer> counts) {
    private static final List<StepPhase> ORDER = List.of(StepPhase.Succeeded, StepPhase.Failed, StepPhase.Skipped,
            StepPhase.Cancelled, StepPhase.Running, StepPhase.Pending);

    public static RunProgress of(List<StepStatus> steps) {
        Map<StepPhase, Integer> counts = new EnumMap<>(StepPhase.class);
        int meant = 0;
        for (StepStatus step : steps) {
            counts.merge(step.phase, 1, Integer::sum);
            if (step.phase != StepPhase.Skipped || !Reasons.CONDITION_NOT_MET.equals(step.reason)) {
                meant++;
            }
        }
        return new RunProgress(steps.size(), meant, counts);
    }

    /** Sets {@code progress} and {@code summary} from the run's steps. */
    public static void apply(DataRunStatus status) {
        RunProgress progress = of(status.steps);
        status.progress = progress.progress();
        status.summary = progress.summary();
    }

    public int count(StepPhase phase) {
        return counts.getOrDefault(phase, 0);
    }

    public int finished() {
        return ORDER.stream().filter(StepPhase::isFinished).mapToInt(this::count).sum();
    }

    /** Succeeded steps of the steps meant to run, such as 2/4. */
    public String progress() {
        return count(StepPhase.Succeeded) + "/" + meant;
    }

    public String summary() {
        List<String> parts = new ArrayList<>();
        for (StepPhase phase : ORDER) {
            if (count(phase) > 0) {
                parts.add(count(phase) + " " + phase.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return finished() + " of " + total + " finished" + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }
}

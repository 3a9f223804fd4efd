package io.raffinerie.model.dashboard;

import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.SparkStepStatus;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.run.RunMeasures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A run's steps as a Gantt chart: each step's bar starts and ends where it did within the run, as percentages of
 * the run's span (a running step reaches now), so the chart needs no script and scales to any width.
 */
public final class Timeline {
    /**
     * One step: its bar ({@code left} and {@code width} as SVG percentages, empty for a step that never started), and
     * for a Spark step its application ({@code spark}, else null).
     */
    public record StepRow(String name, String phase, String left, String width, boolean drawn, String duration,
            String exitCode, String attempts, String reason, String message, String logTail, String reusedFrom,
            List<Result> results, SparkStepStatus spark) {
    }

    /** A result the step wrote (docs/results.md). */
    public record Result(String name, String value) {
    }

    private Timeline() {
    }

    public static List<StepRow> of(DataRunStatus status, Instant now) {
        List<StepStatus> steps = status == null || status.steps == null ? List.of() : status.steps;
        Optional<Instant> first = steps.stream().map(s -> RunMeasures.instant(s.startTime)).flatMap(Optional::stream)
                .min(Instant::compareTo);
        Instant last = steps.stream().map(s -> end(s, now)).max(Instant::compareTo).orElse(now);
        long span = first.map(start -> Math.max(1, Duration.between(start, last).toMillis())).orElse(1L);
        List<StepRow> rows = new ArrayList<>();
        for (StepStatus step : steps) {
            Optional<Instant> start = RunMeasures.instant(step.startTime);
            String phase = step.phase == null ? "Pending" : step.phase.name();
            double left = 0;
            double width = 0;
            if (start.isPresent() && first.isPresent()) {
                left = 100.0 * Duration.between(first.get(), start.get()).toMillis() / span;
                // At least half a percent, so that a step of no measurable length still shows its colour.
                width = Math.max(0.5, 100.0 * Duration.between(start.get(), end(step, now)).toMillis() / span);
                width = Math.min(width, 100 - left);
            }
            rows.add(new StepRow(step.name, phase, percent(left), percent(width), start.isPresent(),
                    RunViews.elapsed(step.startTime, step.completionTime, now).map(RunViews::format).orElse(""),
                    step.exitCode == null ? "" : step.exitCode.toString(),
                    step.attempts == null ? "" : step.attempts.toString(),
                    orEmpty(step.reason), orEmpty(step.message), orEmpty(step.logTail), orEmpty(step.reusedFrom),
                    step.results == null ? List.of() : step.results.entrySet().stream()
                            .map(r -> new Result(r.getKey(), r.getValue())).toList(), step.spark));
        }
        return rows;
    }

    private static Instant end(StepStatus step, Instant now) {
        Optional<Instant> start = RunMeasures.instant(step.startTime);
        Instant end = RunMeasures.instant(step.completionTime).orElse(now);
        return start.isPresent() && end.isBefore(start.get()) ? start.get() : end;
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.2f%%", Math.max(0, value));
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}

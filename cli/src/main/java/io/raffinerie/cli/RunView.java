package io.raffinerie.cli;

import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** How a run reads in a terminal: its steps as a tree, the changes a watch prints, its closing line. */
public final class RunView {
    private RunView() {
    }

    /** "job extract-orders" or "pipeline daily-sales". */
    public static String target(DataRun run) {
        if (run.getSpec() == null) {
            return "";
        }
        return run.getSpec().jobRef != null ? "job " + run.getSpec().jobRef : "pipeline " + run.getSpec().pipelineRef;
    }

    /** From start to completion, or to now while it runs; empty before it started. */
    public static String duration(String start, String completion, Instant now) {
        if (start == null) {
            return "";
        }
        Instant end = completion == null ? now : Instant.parse(completion);
        return Durations.format(Duration.between(Instant.parse(start), end));
    }

    /**
     * The run and its steps as a tree: phase, duration, exit code, attempts and reason; wide adds the Job, the start
     * time, the earlier run a step's result was reused from, the results it wrote and the message.
     */
    public static String tree(DataRun run, boolean wide, Instant now) {
        DataRunStatus status = run.getStatus() == null ? new DataRunStatus() : run.getStatus();
        Table table = wide ? new Table("STEP", "PHASE", "DURATION", "EXIT", "ATTEMPTS", "REASON", "JOB", "STARTED", "REUSED FROM",
                "RESULTS", "MESSAGE") : new Table("STEP", "PHASE", "DURATION", "EXIT", "ATTEMPTS", "REASON");
        List<Object> head = new ArrayList<>(List.of(run.getMetadata().getName() + " (" + target(run)
                + (status.progress == null ? "" : ", " + status.progress + " steps") + ")",
                status.phase == null ? "Pending" : status.phase, duration(status.startTime, status.completionTime, now), "", "",
                Objects.toString(status.reason, "")));
        if (wide) {
            head.addAll(List.of("", Objects.toString(status.startTime, ""), Objects.toString(run.getSpec().retryOf, ""), "",
                    oneLine(status.message)));
        }
        table.row(head.toArray());
        List<StepStatus> steps = status.steps == null ? List.of() : status.steps;
        for (int i = 0; i < steps.size(); i++) {
            StepStatus step = steps.get(i);
            String branch = i == steps.size() - 1 ? "└─ " : "├─ ";
            List<Object> row = new ArrayList<>(List.of(branch + step.name + (Boolean.TRUE.equals(step.finallyStep) ? " (finally)" : ""),
                    step.phase == null ? "Pending" : step.phase, duration(step.startTime, step.completionTime, now),
                    step.exitCode == null ? "" : step.exitCode, step.attempts == null ? "" : step.attempts,
                    Objects.toString(step.reason, "")));
            if (wide) {
                row.addAll(List.of(Objects.toString(step.job, ""), Objects.toString(step.startTime, ""),
                        Objects.toString(step.reusedFrom, ""), results(step), oneLine(step.message)));
            }
            table.row(row.toArray());
        }
        return table.render();
    }

    /** A step's results as NAME=VALUE, space-separated. */
    static String results(StepStatus step) {
        if (step.results == null) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        step.results.forEach((name, value) -> pairs.add(name + "=" + value));
        return oneLine(String.join(" ", pairs));
    }

    /**
     * What changed since {@code seen} (step name to its phase as last printed), one line per change, in the steps'
     * order; {@code seen} is updated.
     */
    public static List<String> changes(Map<String, String> seen, DataRun run, Instant now) {
        List<String> lines = new ArrayList<>();
        if (run.getStatus() == null || run.getStatus().steps == null) {
            return lines;
        }
        for (StepStatus step : run.getStatus().steps) {
            String phase = step.phase == null ? "Pending" : step.phase.name();
            if (phase.equals(seen.put(step.name, phase))) {
                continue;
            }
            StringBuilder line = new StringBuilder(step.name).append(' ').append(phase);
            if (step.phase != null && step.phase.isFinished()) {
                String took = duration(step.startTime, step.completionTime, now);
                if (!took.isEmpty()) {
                    line.append(" in ").append(took);
                }
                if (step.exitCode != null) {
                    line.append(" (exit ").append(step.exitCode).append(')');
                }
                if (step.reusedFrom != null) {
                    line.append(" (reused from ").append(step.reusedFrom).append(')');
                } else if (step.reason != null && step.phase != io.raffinerie.api.v1alpha1.StepPhase.Succeeded) {
                    line.append(": ").append(step.reason);
                }
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** The closing line of a watched run: its phase, progress, duration, and why when it did not succeed. */
    public static String summary(DataRun run, Instant now) {
        DataRunStatus status = run.getStatus();
        StringBuilder line = new StringBuilder("run ").append(run.getMetadata().getName()).append(' ').append(status.phase);
        if (status.progress != null) {
            line.append(", ").append(status.progress).append(" steps");
        }
        String took = duration(status.startTime, status.completionTime, now);
        if (!took.isEmpty()) {
            line.append(", in ").append(took);
        }
        if (status.message != null && status.phase != io.raffinerie.api.v1alpha1.RunPhase.Succeeded) {
            line.append(": ").append(oneLine(status.message));
        }
        return line.toString();
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replace('\n', ' ').strip();
    }
}

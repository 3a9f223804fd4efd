package io.raffinerie.cli;

import io.fabric8.kubernetes.api.model.Condition;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.RunSummary;
import io.raffinerie.api.v1alpha1.Status;
import io.raffinerie.api.v1alpha1.TargetStatus;
import io.raffinerie.model.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The tables of `list`, and its filters (--failed, --since), as pure functions of what the cluster returned. */
public final class Listings {
    private Listings() {
    }

    /** A --since duration (24h, 30m, 7d), or the error that names the bad value. */
    public static Duration since(String text) {
        return Durations.parse(text).orElseThrow(() -> CliException.invalid("--since " + text
                + ": a duration is a number and a unit (s, m, h, d), such as 24h, 90m or 7d"));
    }

    /** Newest first; with {@code failed}, only Failed runs; with {@code since}, only runs started (or created) since. */
    public static List<DataRun> runs(List<DataRun> runs, boolean failed, Duration since, Instant now) {
        return runs.stream()
                .filter(r -> !failed || phase(r) == RunPhase.Failed)
                .filter(r -> since == null || !Instant.parse(started(r)).isBefore(now.minus(since)))
                .sorted(Comparator.comparing(Listings::started).reversed().thenComparing(r -> r.getMetadata().getName()))
                .toList();
    }

    public static String runTable(List<DataRun> runs, boolean allNamespaces, boolean wide, Instant now) {
        Table table = new Table(columns(allNamespaces, wide, List.of("NAME", "TARGET", "PHASE", "STEPS", "STARTED", "DURATION"),
                List.of("TRIGGER", "REASON")));
        for (DataRun run : runs) {
            var status = run.getStatus();
            table.row(row(allNamespaces, wide, run.getMetadata().getNamespace(), List.of(run.getMetadata().getName(),
                    RunView.target(run).replace(' ', '/'), phase(run), status == null ? "" : Objects.toString(status.progress, ""),
                    ago(started(run), now), status == null ? "" : RunView.duration(status.startTime, status.completionTime, now)),
                    List.of(status == null ? "" : Objects.toString(status.trigger, ""),
                            status == null ? "" : Objects.toString(status.reason, ""))));
        }
        return table.render();
    }

    /** Jobs or pipelines whose last run matches the filters. */
    public static boolean lastRunMatches(RunSummary last, boolean failed, Duration since, Instant now) {
        if (failed && (last == null || last.phase != RunPhase.Failed)) {
            return false;
        }
        return since == null || last != null && last.startTime != null && !Instant.parse(last.startTime).isBefore(now.minus(since));
    }

    /** Jobs: NAME, TECHNOLOGY, SCHEDULE, READY, then their last run; wide adds the Ready reason. */
    public static String jobTable(List<DataJob> jobs, boolean allNamespaces, boolean wide, Instant now) {
        Table table = new Table(columns(allNamespaces, wide, TARGET_COLUMNS.apply("TECHNOLOGY"), List.of("REASON")));
        for (DataJob job : jobs) {
            table.row(targetRow(allNamespaces, wide, job, job.getSpec().technology
                    + (job.getSpec().version == null ? "" : " " + job.getSpec().version), job.getSpec().schedule == null ? null
                    : job.getSpec().schedule.cron, job.getStatus(), now));
        }
        return table.render();
    }

    /** Pipelines: NAME, STEPS (how many), SCHEDULE, READY, then their last run; wide adds the Ready reason. */
    public static String pipelineTable(List<DataPipeline> pipelines, boolean allNamespaces, boolean wide, Instant now) {
        Table table = new Table(columns(allNamespaces, wide, TARGET_COLUMNS.apply("STEPS"), List.of("REASON")));
        for (DataPipeline pipeline : pipelines) {
            table.row(targetRow(allNamespaces, wide, pipeline, pipeline.getSpec().steps == null ? 0 : pipeline.getSpec().steps.size(),
                    pipeline.getSpec().schedule == null ? null : pipeline.getSpec().schedule.cron, pipeline.getStatus(), now));
        }
        return table.render();
    }

    private static final java.util.function.Function<String, List<String>> TARGET_COLUMNS = second -> List.of("NAME", second,
            "SCHEDULE", "READY", "LAST RUN", "PHASE", "STARTED");

    private static Object[] targetRow(boolean allNamespaces, boolean wide, io.fabric8.kubernetes.api.model.HasMetadata target,
            Object second, String cron, TargetStatus status, Instant now) {
        RunSummary last = status == null ? null : status.lastRun;
        return row(allNamespaces, wide, target.getMetadata().getNamespace(), List.of(target.getMetadata().getName(), second,
                Objects.toString(cron, ""), ready(status).map(Condition::getStatus).orElse(""), last == null ? "" : last.name,
                last == null ? "" : Objects.toString(last.phase, ""), last == null ? "" : ago(last.startTime, now)),
                List.of(ready(status).map(Condition::getReason).orElse("")));
    }

    /** The Ready condition of a status. */
    public static Optional<Condition> ready(Status status) {
        return status == null || status.conditions == null ? Optional.empty()
                : status.conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }

    /** "5m ago", from a timestamp; empty without one. */
    public static String ago(String timestamp, Instant now) {
        return timestamp == null ? "" : Durations.format(Duration.between(Instant.parse(timestamp), now)) + " ago";
    }

    private static RunPhase phase(DataRun run) {
        return run.getStatus() == null || run.getStatus().phase == null ? RunPhase.Pending : run.getStatus().phase;
    }

    private static String started(DataRun run) {
        return run.getStatus() != null && run.getStatus().startTime != null ? run.getStatus().startTime
                : run.getMetadata().getCreationTimestamp();
    }

    private static String[] columns(boolean allNamespaces, boolean wide, List<String> base, List<String> extra) {
        return values(allNamespaces, wide, "NAMESPACE", base, extra).stream().map(Object::toString).toArray(String[]::new);
    }

    private static Object[] row(boolean allNamespaces, boolean wide, Object namespace, List<?> base, List<?> extra) {
        return values(allNamespaces, wide, namespace, base, extra).toArray();
    }

    private static List<Object> values(boolean allNamespaces, boolean wide, Object namespace, List<?> base, List<?> extra) {
        List<Object> values = new java.util.ArrayList<>();
        if (allNamespaces) {
            values.add(namespace);
        }
        values.addAll(base);
        if (wide) {
            values.addAll(extra);
        }
        return values;
    }
}

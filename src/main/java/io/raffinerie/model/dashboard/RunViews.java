package io.raffinerie.model.dashboard;

import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.model.run.RunMeasures;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How runs read on the dashboard: one row each, newest first, and which ones need attention now. */
public final class RunViews {
    public static final String JOB = "job";
    public static final String PIPELINE = "pipeline";

    /** Newest first: by creation, then by name for runs created in the same second. */
    public static final Comparator<DataRun> NEWEST_FIRST = Comparator
            .comparing((DataRun r) -> r.getMetadata().getCreationTimestamp() == null ? "" : r.getMetadata().getCreationTimestamp())
            .thenComparing(r -> r.getMetadata().getName())
            .reversed();

    /**
     * One run as a table row; {@code phase} is also the CSS class that colours it. {@code progress} counts the
     * succeeded steps (2/4), {@code summary} the others ("4 of 4 finished: 2 succeeded, 1 failed, 1 skipped").
     */
    public record RunRow(String namespace, String name, String kind, String target, String phase, String trigger,
            String started, String duration, String progress, String summary, String revision) {
        public boolean finished() {
            return !"Pending".equals(phase) && !"Running".equals(phase);
        }
    }

    private RunViews() {
    }

    public static RunRow row(DataRun run, Instant now) {
        DataRunStatus status = run.getStatus() == null ? new DataRunStatus() : run.getStatus();
        String kind = run.getSpec() != null && run.getSpec().jobRef != null ? JOB : PIPELINE;
        String target = run.getSpec() == null ? "" : JOB.equals(kind) ? run.getSpec().jobRef : run.getSpec().pipelineRef;
        return new RunRow(run.getMetadata().getNamespace(), run.getMetadata().getName(), kind, target,
                phaseOf(status), status.trigger == null ? "Manual" : status.trigger.name(),
                status.startTime == null ? "" : status.startTime, duration(status, now),
                status.progress == null ? "" : status.progress, status.summary == null ? "" : status.summary,
                status.revision == null ? "" : String.valueOf(status.revision));
    }

    public static String phaseOf(DataRunStatus status) {
        return status == null || status.phase == null ? RunPhase.Pending.name() : status.phase.name();
    }

    public static boolean isActive(DataRun run) {
        return run.getStatus() == null || run.getStatus().phase == null || !run.getStatus().phase.isFinished();
    }

    /** Run time so far, or in all when finished; empty before the start. */
    public static String duration(DataRunStatus status, Instant now) {
        return elapsed(status.startTime, status.completionTime, now).map(RunViews::format).orElse("");
    }

    static Optional<Duration> elapsed(String start, String end, Instant now) {
        Optional<Instant> from = RunMeasures.instant(start);
        if (from.isEmpty()) {
            return Optional.empty();
        }
        Instant to = RunMeasures.instant(end).orElse(now);
        return Optional.of(to.isBefore(from.get()) ? Duration.ZERO : Duration.between(from.get(), to));
    }

    /** 45s, 3m 05s, 2h 10m. */
    public static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format("%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format("%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
    }

    /** The newest run of each job and pipeline, when it failed: what is failing now, as opposed to failures since fixed. */
    public static List<DataRun> failingNow(Collection<DataRun> runs) {
        Map<String, DataRun> newest = new LinkedHashMap<>();
        runs.stream().filter(run -> run.getSpec() != null).sorted(NEWEST_FIRST)
                .forEach(run -> newest.putIfAbsent(targetKey(run), run));
        return newest.values().stream()
                .filter(run -> run.getStatus() != null && run.getStatus().phase == RunPhase.Failed)
                .toList();
    }

    static String targetKey(DataRun run) {
        RunMeasures.Target target = RunMeasures.Target.of(run);
        return target.namespace() + "/" + target.kind() + "/" + target.name();
    }
}

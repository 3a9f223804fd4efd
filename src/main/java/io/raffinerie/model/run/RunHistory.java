package io.raffinerie.model.run;

import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.History;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.RunSummary;
import io.raffinerie.api.v1alpha1.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** A job's or pipeline's runs: which one is the last, and which finished ones fall out of the history. */
public final class RunHistory {
    public static final int DEFAULT_KEPT = 10;
    private static final Comparator<DataRun> NEWEST_FIRST = Comparator
            .comparing((DataRun r) -> r.getMetadata().getCreationTimestamp() == null ? "" : r.getMetadata().getCreationTimestamp())
            .thenComparing(r -> r.getMetadata().getName())
            .reversed();

    private RunHistory() {
    }

    /** The most recently created run, summarized. */
    public static Optional<RunSummary> lastRun(List<DataRun> runs) {
        return runs.stream().min(NEWEST_FIRST).map(RunHistory::summary);
    }

    public static RunSummary summary(DataRun run) {
        RunSummary summary = new RunSummary();
        summary.name = run.getMetadata().getName();
        if (run.getStatus() != null) {
            summary.phase = run.getStatus().phase;
            summary.startTime = run.getStatus().startTime;
            summary.completionTime = run.getStatus().completionTime;
            summary.steps = run.getStatus().progress;
        }
        return summary;
    }

    /**
     * What a job's or pipeline's controller reads of a run's status: phase, times and progress. Its steps with their
     * log tails, the frozen snapshot and the alert deliveries are most of a finished run, and only the run's own
     * controller reads them.
     */
    public static DataRunStatus historyView(DataRunStatus status) {
        if (status == null) {
            return null;
        }
        DataRunStatus view = new DataRunStatus();
        view.phase = status.phase;
        view.trigger = status.trigger;
        view.startTime = status.startTime;
        view.completionTime = status.completionTime;
        view.revision = status.revision;
        view.progress = status.progress;
        // With the archive on, a run leaves the history only once archived (ArchiveConditions.mayBePruned).
        view.conditions = ArchiveConditions.isArchived(status) ? new ArrayList<>(status.conditions.stream()
                .filter(c -> ArchiveConditions.ARCHIVED.equals(c.getType())).toList()) : new ArrayList<>();
        return view;
    }

    /** Whether a run changed in what its job's or pipeline's history shows, so that the target is reconciled. */
    public static boolean historyChanged(DataRun before, DataRun after) {
        return !Objects.equals(before.getMetadata().getDeletionTimestamp(), after.getMetadata().getDeletionTimestamp())
                || !Objects.equals(before.getMetadata().getLabels(), after.getMetadata().getLabels())
                || !Objects.equals(HistoryFields.of(before.getStatus()), HistoryFields.of(after.getStatus()));
    }

    /** The fields {@link #historyView} keeps, compared by value. */
    private record HistoryFields(RunPhase phase, Trigger trigger, String startTime, String completionTime, String progress,
            boolean archived) {
        static HistoryFields of(DataRunStatus status) {
            return status == null ? null
                    : new HistoryFields(status.phase, status.trigger, status.startTime, status.completionTime, status.progress,
                            ArchiveConditions.isArchived(status));
        }
    }

    /** Finished runs past the limits, oldest first; unfinished runs are never deleted. */
    public static List<DataRun> beyondLimits(List<DataRun> runs, History history) {
        int succeeded = history == null || history.succeeded == null ? DEFAULT_KEPT : history.succeeded;
        int failed = history == null || history.failed == null ? DEFAULT_KEPT : history.failed;
        List<DataRun> sorted = runs.stream().sorted(NEWEST_FIRST).toList();
        List<DataRun> expired = new ArrayList<>();
        expired.addAll(sorted.stream().filter(r -> phase(r) == RunPhase.Succeeded).skip(succeeded).toList());
        expired.addAll(sorted.stream().filter(r -> phase(r) == RunPhase.Failed || phase(r) == RunPhase.Cancelled).skip(failed)
                .toList());
        return expired.stream().sorted(NEWEST_FIRST.reversed()).toList();
    }

    /**
     * Finished runs past the limits or past their time to live at {@code now}, oldest first; with the archive on
     * ({@code archiveOn}), only those already archived: the others are kept until they are.
     */
    public static List<DataRun> expired(List<DataRun> runs, History history, Instant now, boolean archiveOn) {
        Set<DataRun> expired = new LinkedHashSet<>(beyondLimits(runs, history));
        ttl(history).ifPresent(ttl -> runs.stream()
                .filter(run -> finishedAt(run).map(done -> !done.plus(ttl).isAfter(now)).orElse(false))
                .forEach(expired::add));
        return expired.stream().filter(run -> ArchiveConditions.mayBePruned(run.getStatus(), archiveOn))
                .sorted(NEWEST_FIRST.reversed()).toList();
    }

    /** How long until the next kept run's time to live ends, so that it is deleted on time. */
    public static Optional<Duration> untilNextExpiry(List<DataRun> runs, History history, Instant now) {
        return ttl(history).flatMap(ttl -> runs.stream()
                .flatMap(run -> finishedAt(run).stream())
                .map(done -> Duration.between(now, done.plus(ttl)))
                .filter(left -> !left.isNegative() && !left.isZero())
                .min(Comparator.naturalOrder()));
    }

    private static Optional<Duration> ttl(History history) {
        return history == null || history.ttlSecondsAfterFinished == null ? Optional.empty()
                : Optional.of(Duration.ofSeconds(history.ttlSecondsAfterFinished));
    }

    private static Optional<Instant> finishedAt(DataRun run) {
        return run.getStatus() != null && RunStatuses.isFinished(run.getStatus())
                ? RunMeasures.instant(run.getStatus().completionTime)
                : Optional.empty();
    }

    /**
     * The outcome of the target's run that finished (Succeeded or Failed) last before the run {@code name} did, at
     * {@code finished}; cancelled runs say nothing about the target's health. Timestamps are RFC 3339 in UTC, so
     * they compare as text.
     */
    public static Optional<RunPhase> previousOutcome(String name, String finished, List<DataRun> sameTarget) {
        return sameTarget.stream()
                .filter(r -> !r.getMetadata().getName().equals(name))
                .filter(r -> phase(r) == RunPhase.Succeeded || phase(r) == RunPhase.Failed)
                .filter(r -> finished == null || completion(r) != null && completion(r).compareTo(finished) <= 0)
                .max(Comparator.comparing((DataRun r) -> completion(r) == null ? "" : completion(r))
                        .thenComparing(NEWEST_FIRST.reversed()))
                .map(RunHistory::phase);
    }

    private static String completion(DataRun run) {
        return run.getStatus() == null ? null : run.getStatus().completionTime;
    }

    private static RunPhase phase(DataRun run) {
        return run.getStatus() == null ? null : run.getStatus().phase;
    }
}

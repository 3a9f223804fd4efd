package io.raffinerie.model.pipeline;

import io.raffinerie.api.v1alpha1.ConcurrencyPolicy;
import io.raffinerie.api.v1alpha1.MissedRunsPolicy;
import io.raffinerie.api.v1alpha1.PipelineSchedule;
import io.raffinerie.model.ChildNames;
import io.raffinerie.model.CronSchedule;
import io.raffinerie.model.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a scheduled pipeline runs. The last scheduled time is kept in the pipeline's status, so that an operator
 * restart neither skips nor repeats a time; run names derive from the time, so a run is created once.
 */
public final class PipelineSchedules {
    /** A time this recent counts as on time; older ones were missed (the operator was down). */
    static final Duration ON_TIME = Duration.ofSeconds(60);
    /** missedRuns All starts at most this many catch-up runs. */
    public static final int MAX_CATCH_UP = 10;
    private static final int MAX_SCAN = 10_000;

    private PipelineSchedules() {
    }

    /** The times to start runs for now, the time to remember as the last one, and the next time. */
    public record Due(List<Instant> toStart, Instant lastScheduleTime, Optional<Instant> next) {
    }

    /**
     * {@code since} is the last scheduled time handled (or the pipeline's creation): only later times are due.
     */
    public static Due due(PipelineSchedule schedule, Instant since, Instant now) {
        CronSchedule cron = CronSchedule.parse(schedule.cron, schedule.timeZone).schedule();
        Optional<Instant> next = Boolean.TRUE.equals(schedule.suspend) ? Optional.empty() : cron.next(now);
        List<Instant> passed = new ArrayList<>();
        Instant cursor = since;
        for (int i = 0; i < MAX_SCAN; i++) {
            Optional<Instant> time = cron.next(cursor);
            if (time.isEmpty() || time.get().isAfter(now)) {
                break;
            }
            passed.add(time.get());
            cursor = time.get();
        }
        if (passed.isEmpty() || Boolean.TRUE.equals(schedule.suspend)) {
            return new Due(List.of(), passed.isEmpty() ? since : passed.get(passed.size() - 1), next);
        }
        Instant latest = passed.get(passed.size() - 1);
        Duration grace = Durations.parse(schedule.startingDeadline).orElse(ON_TIME);
        boolean latestOnTime = !latest.isBefore(now.minus(grace));
        List<Instant> missed = new ArrayList<>(passed.subList(0, latestOnTime ? passed.size() - 1 : passed.size()));
        List<Instant> toStart = new ArrayList<>();
        MissedRunsPolicy policy = schedule.missedRuns == null ? MissedRunsPolicy.Latest : schedule.missedRuns;
        switch (policy) {
            case Latest -> toStart.add(latest);
            case Skip -> {
                if (latestOnTime) {
                    toStart.add(latest);
                }
            }
            case All -> {
                toStart.addAll(missed.subList(Math.max(0, missed.size() - MAX_CATCH_UP), missed.size()));
                if (latestOnTime) {
                    toStart.add(latest);
                }
            }
        }
        return new Due(toStart, latest, next);
    }

    /**
     * What the concurrency policy makes of the due times: the runs to start now, the times given up, the last
     * scheduled time to remember, and whether the active runs are cancelled first.
     */
    public record Decision(List<Instant> start, List<Instant> skipped, Instant lastScheduleTime, boolean cancelActive) {
    }

    /**
     * Applies the concurrency policy to the due times. {@code since} is the last scheduled time handled before,
     * {@code active} whether a run of the pipeline is still going.
     * <ul>
     * <li>Allow: every due time starts.</li>
     * <li>Replace: the active runs are cancelled and only the latest due time starts: the others would replace each
     * other at once.</li>
     * <li>Forbid: one run at a time, counting the ones started now. With {@code missedRuns: All} the times not started
     * stay owed and start one after another, each once the previous run has ended (as Airflow's catch-up with one
     * active run); otherwise a time that finds a run still going is skipped.</li>
     * </ul>
     */
    public static Decision decide(Due due, PipelineSchedule schedule, Instant since, boolean active) {
        List<Instant> times = due.toStart();
        ConcurrencyPolicy policy = schedule.concurrencyPolicy == null ? ConcurrencyPolicy.Allow : schedule.concurrencyPolicy;
        if (times.isEmpty() || policy == ConcurrencyPolicy.Allow) {
            return new Decision(times, List.of(), due.lastScheduleTime(), false);
        }
        if (policy == ConcurrencyPolicy.Replace) {
            Instant latest = times.get(times.size() - 1);
            return new Decision(List.of(latest), times.subList(0, times.size() - 1), due.lastScheduleTime(), active);
        }
        boolean catchUp = schedule.missedRuns == MissedRunsPolicy.All;
        if (catchUp) {
            return active ? new Decision(List.of(), List.of(), since, false)
                    : new Decision(List.of(times.get(0)), List.of(), times.get(0), false);
        }
        return active ? new Decision(List.of(), times, due.lastScheduleTime(), false)
                : new Decision(List.of(times.get(0)), times.subList(1, times.size()), due.lastScheduleTime(), false);
    }

    /** The run of a pipeline for a scheduled time: one name per time. */
    public static String runName(String pipeline, Instant time) {
        return ChildNames.of(pipeline, Long.toString(time.getEpochSecond() / 60));
    }
}

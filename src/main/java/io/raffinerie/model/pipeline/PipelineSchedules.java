package io.raffinerie.model.pipeline;

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

    /** The run of a pipeline for a scheduled time: one name per time. */
    public static String runName(String pipeline, Instant time) {
        return ChildNames.of(pipeline, Long.toString(time.getEpochSecond() / 60));
    }
}

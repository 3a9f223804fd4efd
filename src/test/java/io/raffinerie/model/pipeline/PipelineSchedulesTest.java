package io.raffinerie.model.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.ConcurrencyPolicy;
import io.raffinerie.api.v1alpha1.MissedRunsPolicy;
import io.raffinerie.api.v1alpha1.PipelineSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineSchedulesTest {
    private static PipelineSchedule hourly(MissedRunsPolicy missed) {
        PipelineSchedule schedule = new PipelineSchedule();
        schedule.cron = "0 * * * *";
        schedule.missedRuns = missed;
        return schedule;
    }

    private static Instant at(String time) {
        return Instant.parse("2026-11-28T" + time + "Z");
    }

    @Test
    void nothingIsDueBeforeTheNextTime() {
        PipelineSchedules.Due due = PipelineSchedules.due(hourly(null), at("10:00:00"), at("10:59:59"));
        assertThat(due.toStart()).isEmpty();
        assertThat(due.lastScheduleTime()).isEqualTo(at("10:00:00"));
        assertThat(due.next()).contains(at("11:00:00"));
    }

    @Test
    void anOnTimeRunStartsUnderEveryPolicy() {
        for (MissedRunsPolicy policy : MissedRunsPolicy.values()) {
            PipelineSchedules.Due due = PipelineSchedules.due(hourly(policy), at("10:00:00"), at("11:00:00.200"));
            assertThat(due.toStart()).as(policy.name()).containsExactly(at("11:00:00"));
            assertThat(due.lastScheduleTime()).isEqualTo(at("11:00:00"));
        }
    }

    @Test
    void afterAnOutageLatestStartsOneCatchUpRun() {
        PipelineSchedules.Due due = PipelineSchedules.due(hourly(MissedRunsPolicy.Latest), at("06:00:00"), at("10:30:00"));
        assertThat(due.toStart()).containsExactly(at("10:00:00"));
        assertThat(due.lastScheduleTime()).isEqualTo(at("10:00:00"));
    }

    @Test
    void afterAnOutageSkipStartsNone() {
        PipelineSchedules.Due due = PipelineSchedules.due(hourly(MissedRunsPolicy.Skip), at("06:00:00"), at("10:30:00"));
        assertThat(due.toStart()).isEmpty();
        assertThat(due.lastScheduleTime()).as("missed times are not retried later").isEqualTo(at("10:00:00"));
    }

    @Test
    void afterAnOutageAllStartsEveryMissedRunBoundedToTen() {
        assertThat(PipelineSchedules.due(hourly(MissedRunsPolicy.All), at("06:00:00"), at("10:30:00")).toStart())
                .containsExactly(at("07:00:00"), at("08:00:00"), at("09:00:00"), at("10:00:00"));
        assertThat(PipelineSchedules.due(hourly(MissedRunsPolicy.All), Instant.parse("2026-11-27T00:00:00Z"), at("10:30:00"))
                .toStart()).hasSize(PipelineSchedules.MAX_CATCH_UP).last().isEqualTo(at("10:00:00"));
    }

    @Test
    void suspendedScheduleStartsNothingAndHasNoNextTime() {
        PipelineSchedule schedule = hourly(MissedRunsPolicy.All);
        schedule.suspend = true;
        PipelineSchedules.Due due = PipelineSchedules.due(schedule, at("06:00:00"), at("10:30:00"));
        assertThat(due.toStart()).isEmpty();
        assertThat(due.next()).isEmpty();
    }

    @Test
    void runNamesAreOnePerTime() {
        assertThat(PipelineSchedules.runName("daily-sales", at("03:00:00"))).isEqualTo("daily-sales-29930580");
        assertThat(PipelineSchedules.runName("daily-sales", at("03:00:00")))
                .isNotEqualTo(PipelineSchedules.runName("daily-sales", at("04:00:00")));
    }

    private static PipelineSchedule hourly(MissedRunsPolicy missed, ConcurrencyPolicy concurrency) {
        PipelineSchedule schedule = hourly(missed);
        schedule.concurrencyPolicy = concurrency;
        return schedule;
    }

    @Test
    void forbidWithCatchUpStartsOneRunAtATimeUntilEveryMissedTimeRan() {
        PipelineSchedule schedule = hourly(MissedRunsPolicy.All, ConcurrencyPolicy.Forbid);
        Instant now = at("10:30:00");
        Instant since = at("06:00:00");
        List<Instant> started = new ArrayList<>();
        boolean active = false;
        for (int reconcile = 0; reconcile < 20; reconcile++) {
            PipelineSchedules.Decision decision = PipelineSchedules.decide(PipelineSchedules.due(schedule, since, now), schedule,
                    since, active);
            assertThat(decision.start().size() + (active ? 1 : 0)).as("runs at once").isLessThanOrEqualTo(1);
            assertThat(decision.skipped()).isEmpty();
            started.addAll(decision.start());
            since = decision.lastScheduleTime();
            // Every other reconciliation, the run started last has ended.
            active = !decision.start().isEmpty();
        }
        assertThat(started).containsExactly(at("07:00:00"), at("08:00:00"), at("09:00:00"), at("10:00:00"));
    }

    @Test
    void forbidWithoutCatchUpSkipsATimeThatFindsARunGoing() {
        PipelineSchedule schedule = hourly(MissedRunsPolicy.Latest, ConcurrencyPolicy.Forbid);
        PipelineSchedules.Due due = PipelineSchedules.due(schedule, at("10:00:00"), at("11:00:00.200"));
        PipelineSchedules.Decision busy = PipelineSchedules.decide(due, schedule, at("10:00:00"), true);
        assertThat(busy.start()).isEmpty();
        assertThat(busy.skipped()).containsExactly(at("11:00:00"));
        assertThat(busy.lastScheduleTime()).isEqualTo(at("11:00:00"));
        assertThat(PipelineSchedules.decide(due, schedule, at("10:00:00"), false).start()).containsExactly(at("11:00:00"));
    }

    @Test
    void replaceCancelsTheActiveRunAndStartsOnlyTheLatestTime() {
        PipelineSchedule schedule = hourly(MissedRunsPolicy.All, ConcurrencyPolicy.Replace);
        PipelineSchedules.Due due = PipelineSchedules.due(schedule, at("06:00:00"), at("10:30:00"));
        PipelineSchedules.Decision decision = PipelineSchedules.decide(due, schedule, at("06:00:00"), true);
        assertThat(decision.cancelActive()).isTrue();
        assertThat(decision.start()).containsExactly(at("10:00:00"));
        assertThat(decision.skipped()).containsExactly(at("07:00:00"), at("08:00:00"), at("09:00:00"));
    }

    @Test
    void allowStartsEveryDueTime() {
        PipelineSchedule schedule = hourly(MissedRunsPolicy.All, ConcurrencyPolicy.Allow);
        PipelineSchedules.Due due = PipelineSchedules.due(schedule, at("06:00:00"), at("10:30:00"));
        assertThat(PipelineSchedules.decide(due, schedule, at("06:00:00"), true).start()).hasSize(4);
    }
}

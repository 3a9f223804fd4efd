package io.raffinerie.model.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.MissedRunsPolicy;
import io.raffinerie.api.v1alpha1.PipelineSchedule;
import java.time.Instant;
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
}

package io.raffinerie.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.Schedule;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {
    @Test
    void nextTimeFollowsTheTimeZone() {
        CronSchedule daily = CronSchedule.parse("0 2 * * *", "Europe/Paris").schedule();
        // 02:00 in Paris in winter is 01:00 UTC.
        assertThat(daily.next(Instant.parse("2026-11-28T12:00:00Z"))).contains(Instant.parse("2026-11-29T01:00:00Z"));
    }

    @Test
    void defaultsToUtc() {
        CronSchedule everyMinute = CronSchedule.parse("* * * * *", null).schedule();
        assertThat(everyMinute.next(Instant.parse("2026-11-28T12:00:30Z"))).contains(Instant.parse("2026-11-28T12:01:00Z"));
    }

    @Test
    void previousIncludesAnExactMatch() {
        CronSchedule hourly = CronSchedule.parse("@hourly", "UTC").schedule();
        assertThat(hourly.previous(Instant.parse("2026-11-28T12:00:00Z"))).contains(Instant.parse("2026-11-28T12:00:00Z"));
        assertThat(hourly.previous(Instant.parse("2026-11-28T12:59:59Z"))).contains(Instant.parse("2026-11-28T12:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/15 * * * *", "0 3 * * 1-5", "@daily", "@weekly", "0 0 1 1 *", "5,35 */2 * * *"})
    void acceptsWhatACronJobAccepts(String cron) {
        assertThat(CronSchedule.parse(cron, "UTC").isValid()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a cron", "61 * * * *", "* * * *", "* 25 * * *", "@sometimes", "TZ=UTC 0 * * * *"})
    void refusesBadExpressionsNamingTheField(String cron) {
        CronSchedule.Result result = CronSchedule.parse(cron, null);
        assertThat(result.isValid()).isFalse();
        assertThat(result.problem().reason()).isEqualTo(Reasons.INVALID_SCHEDULE);
        assertThat(result.problem().message()).startsWith("schedule.cron");
    }

    @Test
    void refusesAnUnknownTimeZone() {
        Schedule schedule = new Schedule();
        schedule.cron = "0 2 * * *";
        schedule.timeZone = "Mars/Olympus";
        assertThat(CronSchedule.check(schedule)).hasValueSatisfying(p -> assertThat(p.message()).contains("Mars/Olympus"));
    }

    @Test
    void refusesABadStartingDeadline() {
        Schedule schedule = new Schedule();
        schedule.cron = "0 2 * * *";
        schedule.startingDeadline = "soon";
        assertThat(CronSchedule.check(schedule)).hasValueSatisfying(p -> assertThat(p.message())
                .startsWith("spec.schedule.startingDeadline"));
    }
}

package io.raffinerie.model;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.raffinerie.api.v1alpha1.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed five-field cron expression (or a macro such as @daily) in a time zone, with the same syntax a Kubernetes
 * CronJob accepts.
 */
public final class CronSchedule {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private final ExecutionTime executionTime;
    private final ZoneId zone;

    private CronSchedule(ExecutionTime executionTime, ZoneId zone) {
        this.executionTime = executionTime;
        this.zone = zone;
    }

    /** Parses the expression, or explains what is wrong with it or with the time zone. */
    public static Result parse(String expression, String timeZone) {
        if (timeZone != null && !timeZone.equals("UTC") && !ZONES.contains(timeZone)) {
            return new Result(null, new Problem(Reasons.INVALID_SCHEDULE,
                    "schedule.timeZone: \"" + timeZone + "\" is not a time zone of the IANA database, such as Europe/Paris"));
        }
        String trimmed = expression == null ? "" : expression.trim();
        String fields = MACROS.getOrDefault(trimmed, trimmed);
        if (fields.startsWith("TZ=") || fields.startsWith("CRON_TZ=")) {
            return new Result(null, new Problem(Reasons.INVALID_SCHEDULE,
                    "schedule.cron: set the time zone with schedule.timeZone, not inside the expression"));
        }
        try {
            Cron cron = PARSER.parse(fields).validate();
            ZoneId zone = timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
            return new Result(new CronSchedule(ExecutionTime.forCron(cron), zone), null);
        } catch (IllegalArgumentException e) {
            return new Result(null, new Problem(Reasons.INVALID_SCHEDULE,
                    "schedule.cron: \"" + expression + "\" is not a valid five-field cron expression (minute hour day-of-month"
                            + " month day-of-week) or macro such as @daily: " + e.getMessage()));
        }
    }

    /** The problem of a schedule's cron, time zone or starting deadline, if any. */
    public static Optional<Problem> check(Schedule schedule) {
        if (schedule == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(parse(schedule.cron, schedule.timeZone).problem())
                .or(() -> Durations.check("spec.schedule.startingDeadline", schedule.startingDeadline));
    }

    /** The first scheduled time strictly after {@code after}. */
    public Optional<Instant> next(Instant after) {
        return executionTime.nextExecution(ZonedDateTime.ofInstant(after, zone)).map(ZonedDateTime::toInstant);
    }

    /** The last scheduled time at or before {@code atOrBefore}. */
    public Optional<Instant> previous(Instant atOrBefore) {
        ZonedDateTime at = ZonedDateTime.ofInstant(atOrBefore, zone);
        if (executionTime.isMatch(at.withNano(0)) && at.getSecond() == 0 && at.getNano() == 0) {
            return Optional.of(atOrBefore);
        }
        return executionTime.lastExecution(at).map(ZonedDateTime::toInstant);
    }

    /** A parsed schedule, or the problem that prevented it. */
    public record Result(CronSchedule schedule, Problem problem) {
        public boolean isValid() {
            return schedule != null;
        }
    }
}

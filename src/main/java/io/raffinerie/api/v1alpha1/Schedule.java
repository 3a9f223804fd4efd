package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A cron schedule. The cron expression and time zone are checked by the operator (reason InvalidSchedule). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Schedule {
    @Required
    @Size(min = 1, max = 128)
    public String cron;

    @Size(max = 64)
    public String timeZone;

    public ConcurrencyPolicy concurrencyPolicy;

    @Size(max = 32)
    @Pattern(Patterns.DURATION)
    public String startingDeadline;

    public Boolean suspend;
}

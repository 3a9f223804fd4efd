package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

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
    @ValidationRule(value = Patterns.DURATION_RULE, message = Patterns.DURATION_MESSAGE)
    public String startingDeadline;

    public Boolean suspend;
}

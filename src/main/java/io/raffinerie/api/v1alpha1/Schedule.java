package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A cron schedule. The cron expression and time zone are checked by the operator (reason InvalidSchedule). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Schedule {
    @Required
    @Size(min = 1, max = 128)
    @JsonPropertyDescription("A five-field cron expression, such as \"0 2 * * *\" (02:00 every day); checked by the "
            + "operator (reason InvalidSchedule).")
    public String cron;

    @Size(max = 64)
    @JsonPropertyDescription("The IANA time zone the cron expression is read in, such as Europe/Paris; absent: UTC for a "
            + "pipeline, the kube-controller-manager's zone for a job's CronJob.")
    public String timeZone;

    @JsonPropertyDescription("What a due time does while an earlier run still goes on: Allow (default) starts another, "
            + "Forbid skips it, Replace cancels the running one.")
    public ConcurrencyPolicy concurrencyPolicy;

    @Size(max = 32)
    @ValidationRule(value = Patterns.DURATION_RULE, message = Patterns.DURATION_MESSAGE)
    @JsonPropertyDescription("How late a run may still start after its time, such as 5m; a run later than that is "
            + "skipped. Absent: no deadline.")
    public String startingDeadline;

    @JsonPropertyDescription("true stops the schedule from starting runs (runs already started go on); default false.")
    public Boolean suspend;
}

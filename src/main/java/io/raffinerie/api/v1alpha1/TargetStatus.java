package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What a job or a pipeline shows of its runs and schedule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TargetStatus extends Status {
    @JsonPropertyDescription("The last run of the job or pipeline: its name, phase, times and steps.")
    public RunSummary lastRun;
    @JsonPropertyDescription("When a run last succeeded (RFC 3339); kept after that run leaves the history.")
    public String lastSuccessTime;
    @JsonPropertyDescription("When the schedule starts the next run (RFC 3339); absent without a schedule.")
    public String nextScheduleTime;
    @JsonPropertyDescription("The last scheduled time a run was started for (RFC 3339); a restart of the operator "
            + "neither skips nor repeats it.")
    public String lastScheduleTime;
    @JsonPropertyDescription("The number of the DataRevision that holds the current spec.")
    public Long currentRevision;
}

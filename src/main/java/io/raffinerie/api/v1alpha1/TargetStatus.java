package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What a job or a pipeline shows of its runs and schedule. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TargetStatus extends Status {
    public RunSummary lastRun;
    /** When a run last succeeded; kept after that run leaves the history. */
    public String lastSuccessTime;
    public String nextScheduleTime;
    /** The last scheduled time a run was started for; a restart neither skips nor repeats it. */
    public String lastScheduleTime;
    @JsonPropertyDescription("The number of the DataRevision that holds the current spec.")
    public Long currentRevision;
}

package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataPipelineStatus extends Status {
    public RunSummary lastRun;
    public String nextScheduleTime;
    /** The last scheduled time a run was started for; a restart neither skips nor repeats it. */
    public String lastScheduleTime;
}

package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The last run of a job or pipeline, as shown on it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunSummary {
    @JsonPropertyDescription("The name of the DataRun.")
    public String name;
    @JsonPropertyDescription("The run's phase: Pending, Running, Succeeded, Failed or Cancelled.")
    public RunPhase phase;
    @JsonPropertyDescription("When the run started (RFC 3339).")
    public String startTime;
    @JsonPropertyDescription("When the run finished (RFC 3339); absent while it runs.")
    public String completionTime;
    @JsonPropertyDescription("Finished steps over all steps, such as 3/5.")
    public String steps;
}

package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The last run of a job or pipeline, as shown on it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunSummary {
    public String name;
    public RunPhase phase;
    public String startTime;
    public String completionTime;
    /** Finished steps over all steps, such as 3/5. */
    public String steps;
}

package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonProperty;

/** How one step of a run went. A job run has one step, named after the job. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StepStatus {
    public String name;
    public StepPhase phase;
    /** The batch/v1 Job of the step. */
    public String job;
    public Integer attempts;
    public String startTime;
    public String completionTime;
    public Integer exitCode;
    /** Why the step was skipped or failed. */
    public String reason;
    public String message;
    /** The last lines of the step's log, bounded, with secret values masked. */
    public String logTail;
    /** True for a step of the pipeline's finally list, which runs after all the others. */
    @JsonProperty("finally")
    public Boolean finallyStep;
    /** The technology, version and image the step's Job really runs, read from the Job (frozen when it was created). */
    public String technology;
    public String version;
    public String image;
    /** The earlier run whose result this step reuses (retryOf). */
    public String reusedFrom;
    @JsonPropertyDescription("The number of the DataRevision of the step's job that the step ran.")
    public Long revision;
}

package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

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
    /** The earlier run whose result this step reuses (retryOf). */
    public String reusedFrom;
}

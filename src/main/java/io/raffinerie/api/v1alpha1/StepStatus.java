package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** How one step of a run went. A job run has one step, named after the job. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StepStatus {
    @JsonPropertyDescription("The step's name (for a job run, the job's).")
    public String name;
    @JsonPropertyDescription("Where the step stands: Pending, Running, Succeeded, Failed, Skipped or Cancelled.")
    public StepPhase phase;
    @JsonPropertyDescription("The batch/v1 Job that runs the step.")
    public String job;
    @JsonPropertyDescription("How many pods the step's Job started (retries included).")
    public Integer attempts;
    @JsonPropertyDescription("When the step started (RFC 3339).")
    public String startTime;
    @JsonPropertyDescription("When the step finished (RFC 3339).")
    public String completionTime;
    @JsonPropertyDescription("The exit code of the step's container, once it ended.")
    public Integer exitCode;
    @JsonPropertyDescription("Why the step was skipped or failed, such as DeadlineExceeded or ConditionNotMet (see the "
            + "reasons reference).")
    public String reason;
    @JsonPropertyDescription("What happened to the step, for people.")
    public String message;
    @JsonPropertyDescription("The last lines of the step's log, bounded, with the values of secret variables masked as "
            + "****.")
    public String logTail;
    @JsonProperty("finally")
    @JsonPropertyDescription("true for a step of the pipeline's finally list.")
    public Boolean finallyStep;
    @JsonPropertyDescription("The technology the step's Job runs, read from the Job.")
    public String technology;
    @JsonPropertyDescription("The technology version the step's Job runs, read from the Job.")
    public String version;
    @JsonPropertyDescription("The image the step's Job runs, read from the Job.")
    public String image;
    @JsonPropertyDescription("The results the step's job wrote (name to value), read from its container's termination message"
            + " when it succeeded; only the results its DataJob declares (docs/results.md).")
    public Map<String, String> results;
    @JsonPropertyDescription("The earlier run whose result this step reuses (retryOf).")
    public String reusedFrom;
    @JsonPropertyDescription("The number of the DataRevision of the step's job that the step ran.")
    public Long revision;
    @JsonPropertyDescription("A Spark step's application: its id, its driver, the executors that ran and the driver's log"
            + " tail (docs/spark.md).")
    public SparkStepStatus spark;
}

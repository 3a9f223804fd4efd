package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The Spark application of a step: read from its driver and executor pods while they exist. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SparkStepStatus {
    @JsonPropertyDescription("The Spark application id (the spark-app-selector label of its pods), such as "
            + "spark-0a1b2c3d4e5f.")
    public String applicationId;
    @JsonPropertyDescription("The driver pod, which the operator deletes (with its executors) once the step ends.")
    public String driver;
    @JsonPropertyDescription("How many executors the application started (the highest executor id seen).")
    public Integer executors;
    @JsonPropertyDescription("The driver's exit code, once it ended; spark-submit ends well even when the driver fails,"
            + " so a non-zero code fails the step (reason SparkDriverFailed).")
    public Integer driverExitCode;
    @JsonPropertyDescription("The last lines of the driver's log, read when the step ended, secret values masked.")
    public String driverLogTail;
}

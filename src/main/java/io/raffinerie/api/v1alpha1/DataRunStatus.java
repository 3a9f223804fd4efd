package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataRunStatus extends Status {
    @JsonPropertyDescription("Where the run stands: Pending, Running, Succeeded, Failed or Cancelled.")
    public RunPhase phase;
    @JsonPropertyDescription("What started the run: Manual (a DataRun created by someone) or Schedule.")
    public Trigger trigger;
    @JsonPropertyDescription("When the run started (RFC 3339).")
    public String startTime;
    @JsonPropertyDescription("When the run finished (RFC 3339); absent while it runs.")
    public String completionTime;
    @JsonPropertyDescription("The metadata.generation of the job or pipeline this run executed.")
    public Long specGeneration;
    @JsonPropertyDescription("The number of the DataRevision of the job or pipeline this run executed.")
    public Long revision;
    @JsonPropertyDescription("Succeeded steps over the steps meant to run, such as 2/4 (a step skipped by its condition "
            + "is not counted); a failed or cancelled run never reads 4/4.")
    public String progress;
    @JsonPropertyDescription("The step counts in words, such as \"4 of 5 finished: 2 succeeded, 1 failed, 1 skipped\".")
    public String summary;
    @JsonPropertyDescription("Why the run ended other than Succeeded: StepFailed, DeadlineExceeded, Cancelled, JobDeleted,"
            + " RefusedByApiServer, or the reason that kept it from starting (JobNotFound, UnknownParameter, ...); empty"
            + " while it runs and once it succeeded.")
    public RunReason reason;
    @JsonPropertyDescription("What happened, for people: the failed step and its message, or why the run could not start.")
    public String message;
    @JsonPropertyDescription("The parameter values the run runs with: defaults, then its own values (over the original "
            + "run's for a retry).")
    public Map<String, String> parameters;
    @JsonPropertyDescription("How each step went; a job run has one step, named after the job.")
    public List<StepStatus> steps = new ArrayList<>();
    /**
     * For pipeline runs: what the run executes (the pipeline's and its jobs' specs), frozen at its start, as the
     * base64 of the gzip of its JSON, so that the run's status stays short to read (see docs/run-status.md).
     */
    @JsonPropertyDescription("For pipeline runs: the pipeline's and its jobs' specs as the run froze them at its start, "
            + "as the base64 of the gzip of their JSON; editing them mid-run does not change the run.")
    public String frozen;
    @PreserveUnknownFields
    @SchemaFrom(type = Object.class)
    @JsonPropertyDescription("The frozen pipeline as runs written by earlier versions keep it; read, never written (see "
            + "frozen).")
    public RunSnapshot snapshot;
    @JsonPropertyDescription("The alerts this run fired and how their delivery went; absent when none fired.")
    public List<AlertDeliveryStatus> alerts;
}

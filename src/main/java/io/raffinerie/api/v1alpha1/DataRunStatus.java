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
    public RunPhase phase;
    public Trigger trigger;
    public String startTime;
    public String completionTime;
    /** The generation of the job or pipeline this run executed. */
    public Long specGeneration;
    @JsonPropertyDescription("The number of the DataRevision of the job or pipeline this run executed.")
    public Long revision;
    /**
     * Succeeded steps over the steps meant to run, such as 2/4 (a step skipped because its condition was not met
     * is not counted); a failed or cancelled run never reads 4/4.
     */
    public String progress;
    /** The step counts: "4 of 5 finished: 2 succeeded, 1 failed, 1 skipped". */
    public String summary;
    /** Why the run ended other than Succeeded: StepFailed, DeadlineExceeded, Cancelled, JobDeleted, RefusedByApiServer. */
    public String reason;
    public String message;
    /** The parameter values the run runs with: its own, over the original run's for a retry. */
    public Map<String, String> parameters;
    public List<StepStatus> steps = new ArrayList<>();
    /**
     * For pipeline runs: what the run executes (the pipeline's and its jobs' specs), frozen at its start, as the
     * base64 of the gzip of its JSON, so that the run's status stays short to read (see docs/run-status.md).
     */
    public String frozen;
    /**
     * The frozen pipeline as runs written by earlier versions keep it (read, never written): kept opaque to the
     * schema.
     */
    @PreserveUnknownFields
    @SchemaFrom(type = Object.class)
    public RunSnapshot snapshot;
    /** The alerts this run fired and how their delivery went; absent when none fired. */
    public List<AlertDeliveryStatus> alerts;
}

package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
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
    /** Finished steps over all steps, such as 3/5. */
    public String progress;
    public String message;
    /** The parameter values the run runs with: its own, over the original run's for a retry. */
    public Map<String, String> parameters;
    public List<StepStatus> steps = new ArrayList<>();
    /** For pipeline runs: what the run executes, frozen at its start (kept opaque to the schema). */
    @PreserveUnknownFields
    @SchemaFrom(type = Object.class)
    public RunSnapshot snapshot;
    /** The alerts this run fired and how their delivery went; absent when none fired. */
    public List<AlertDeliveryStatus> alerts;
}

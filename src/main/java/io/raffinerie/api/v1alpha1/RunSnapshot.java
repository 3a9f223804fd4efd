package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * What a pipeline run executes, frozen when it starts: the pipeline's spec and its jobs' specs, with their
 * generations. Editing the pipeline or a job mid-run does not change the run.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunSnapshot {
    @JsonPropertyDescription("The pipeline's metadata.generation when the run started.")
    public Long pipelineGeneration;
    @JsonPropertyDescription("The pipeline's DataRevision number.")
    public Long pipelineRevision;
    @JsonPropertyDescription("The pipeline's spec when the run started.")
    public DataPipelineSpec pipeline;
    @JsonPropertyDescription("The specs of the pipeline's jobs when the run started.")
    public List<JobSnapshot> jobs;

    /** One job of the pipeline, as it was when the run started. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class JobSnapshot {
        @JsonPropertyDescription("The DataJob's name.")
        public String name;
        @JsonPropertyDescription("The DataJob's metadata.generation when the run started.")
        public Long generation;
        @JsonPropertyDescription("The job's DataRevision number.")
        public Long revision;
        @JsonPropertyDescription("The DataJob's spec when the run started.")
        public DataJobSpec spec;
    }
}

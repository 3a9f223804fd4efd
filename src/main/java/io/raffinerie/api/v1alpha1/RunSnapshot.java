package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a pipeline run executes, frozen when it starts: the pipeline's spec and its jobs' specs, with their
 * generations. Editing the pipeline or a job mid-run does not change the run.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RunSnapshot {
    public Long pipelineGeneration;
    /** The pipeline's DataRevision number. */
    public Long pipelineRevision;
    public DataPipelineSpec pipeline;
    public List<JobSnapshot> jobs;

    /** One job of the pipeline, as it was when the run started. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class JobSnapshot {
        public String name;
        public Long generation;
        /** The job's DataRevision number. */
        public Long revision;
        public DataJobSpec spec;
    }
}

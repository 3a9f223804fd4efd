package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.jobRef) != has(self.pipelineRef)", message = "exactly one of jobRef and pipelineRef must be set",
        reason = "FieldValueInvalid")
@ValidationRule(value = "has(self.jobRef) == has(oldSelf.jobRef) && has(self.pipelineRef) == has(oldSelf.pipelineRef)",
        message = "what a run runs cannot be changed; create a new DataRun")
@ValidationRule(value = "!has(oldSelf.cancel) || !oldSelf.cancel || (has(self.cancel) && self.cancel)",
        message = "a cancelled run cannot be resumed; create a new DataRun", fieldPath = ".cancel")
@ValidationRule(value = "!has(self.retryOf) || has(self.pipelineRef)", message = "only a pipeline run can retry another run",
        fieldPath = ".retryOf")
@ValidationRule(value = "!has(self.retry) || has(self.retryOf)", message = "retry options need spec.retryOf, the run to retry",
        fieldPath = ".retry")
@ValidationRule(value = "!has(self.revision) || !has(self.retryOf)",
        message = "a retry reruns the revisions of the run it retries; set revision or retryOf, not both", fieldPath = ".revision")
@ValidationRule(value = "has(self.revision) == has(oldSelf.revision)", message = "revision is immutable; create a new DataRun")
public class DataRunSpec {
    @Size(max = 253)
    @ValidationRule(value = Patterns.DNS_SUBDOMAIN_RULE, message = Patterns.DNS_SUBDOMAIN_MESSAGE)
    @ValidationRule(value = "self == oldSelf", message = "jobRef is immutable")
    @JsonPropertyDescription("The DataJob to run, in the run's namespace; exactly one of jobRef and pipelineRef.")
    public String jobRef;

    @Size(max = 253)
    @ValidationRule(value = Patterns.DNS_SUBDOMAIN_RULE, message = Patterns.DNS_SUBDOMAIN_MESSAGE)
    @ValidationRule(value = "self == oldSelf", message = "pipelineRef is immutable")
    @JsonPropertyDescription("The DataPipeline to run, in the run's namespace; exactly one of jobRef and pipelineRef.")
    public String pipelineRef;

    @Size(max = 50)
    @ValidationRule(value = "self == oldSelf", message = "parameters are immutable")
    @JsonPropertyDescription("Values for the job's or pipeline's declared parameters, over their defaults, such as {DAY: "
            + "\"2026-11-29\"}. An undeclared name fails the run (UnknownParameter).")
    public Map<String, String> parameters;

    @JsonPropertyDescription("true cancels the run: its running Jobs are stopped and the steps not started yet are "
            + "Cancelled.")
    public Boolean cancel;

    @Size(max = 253)
    @ValidationRule(value = Patterns.DNS_SUBDOMAIN_RULE, message = Patterns.DNS_SUBDOMAIN_MESSAGE)
    @ValidationRule(value = "self == oldSelf", message = "retryOf is immutable")
    @JsonPropertyDescription("A finished run of the same pipeline whose failed and skipped steps this run reruns; its "
            + "succeeded steps are reused. Pipeline runs only.")
    public String retryOf;

    @ValidationRule(value = "self == oldSelf", message = "retry is immutable")
    @JsonPropertyDescription("How a retry (retryOf) reruns its steps: with what the original run ran (default) or with "
            + "the latest pipeline and jobs.")
    public RetryOptions retry;

    @io.fabric8.generator.annotation.Min(1)
    @ValidationRule(value = "self == oldSelf", message = "revision is immutable")
    @JsonPropertyDescription("Run this DataRevision of the job or pipeline (its number) instead of the current spec,"
            + " to rerun an old version.")
    public Long revision;
}

package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** The run that checks a promotion, in the target environment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.jobRef) != has(self.pipelineRef)", message = "set exactly one of jobRef and pipelineRef")
public class PromotionVerification {
    @Size(max = 253)
    @JsonPropertyDescription("The DataJob to run after promoting.")
    public String jobRef;

    @Size(max = 253)
    @JsonPropertyDescription("The DataPipeline to run after promoting.")
    public String pipelineRef;

    @Size(max = 100)
    @JsonPropertyDescription("Parameter values of the verification run.")
    public Map<String, String> parameters;

    @JsonPropertyDescription("Whether a failed verification puts back what the environment had before (default true).")
    public Boolean autoRollback;

    public boolean rollsBack() {
        return autoRollback == null || autoRollback;
    }
}

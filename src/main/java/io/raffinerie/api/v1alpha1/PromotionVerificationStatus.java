package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The verification run of a promotion. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PromotionVerificationStatus {
    @JsonPropertyDescription("The DataRun's name, in this namespace.")
    public String run;
    @JsonPropertyDescription("Its phase, as last seen.")
    public RunPhase phase;
    @JsonPropertyDescription("Whether what the environment had before was put back after the run failed.")
    public Boolean rolledBack;
}

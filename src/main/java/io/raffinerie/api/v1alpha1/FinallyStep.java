package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A step that runs once all the pipeline's steps have ended (Tekton's finally, Argo's onExit): to alert, clean up
 * or publish. Its job gets the run's outcome and the failed steps in RAFFINERIE_RUN_OUTCOME and
 * RAFFINERIE_FAILED_STEPS.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FinallyStep extends StepJob {
    public static final int MAX_STEPS = 10;

    @JsonPropertyDescription("When the finally step runs: Always (default, not after a cancel), Succeeded (every step "
            + "succeeded or was skipped by its condition) or Failed (a step failed or the run ran out of time).")
    public FinallyWhen when;
}

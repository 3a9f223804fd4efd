package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A step that runs once all the pipeline's steps have ended (Tekton's finally, Argo's onExit): to alert, clean up
 * or publish. Its job gets the run's outcome and the failed steps in RAFFINERIE_RUN_OUTCOME and
 * RAFFINERIE_FAILED_STEPS.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class FinallyStep extends StepJob {
    public static final int MAX_STEPS = 10;

    /** Always by default. */
    public FinallyWhen when;
}

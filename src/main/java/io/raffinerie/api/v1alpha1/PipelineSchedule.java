package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A pipeline's schedule, run by the operator itself, with a policy for missed times. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PipelineSchedule extends Schedule {
    public MissedRunsPolicy missedRuns;
}

package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A pipeline's schedule, run by the operator itself, with a policy for missed times. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PipelineSchedule extends Schedule {
    @JsonPropertyDescription("What the schedule does with the times it missed while the operator was down: Latest "
            + "(default) one run for the latest, Skip none, All one run per missed time (at most 10).")
    public MissedRunsPolicy missedRuns;
}

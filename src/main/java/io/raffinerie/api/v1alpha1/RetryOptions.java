package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How a retry (spec.retryOf) reruns the failed and skipped steps. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetryOptions {
    @JsonPropertyDescription("false (default): rerun what the original run ran, its frozen pipeline and jobs (as Argo's "
            + "retry). true: rerun the steps with the pipeline and jobs as they are now, picking up a fix (as Airflow's "
            + "clear).")
    public Boolean useLatest;
}

package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How a retry (spec.retryOf) reruns the failed and skipped steps. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RetryOptions {
    /**
     * false (default): rerun what the original run ran, its frozen pipeline and jobs, as Argo's retry does.
     * true: rerun the steps with the pipeline and jobs as they are now, picking up a fix, as Airflow's clear does.
     */
    public Boolean useLatest;
}

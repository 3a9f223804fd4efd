package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One alert a run owes: which entry of the job's or pipeline's spec.alerts, for which event, and how its
 * delivery went. A delivery recorded as Sent or Failed is never attempted again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertDeliveryStatus {
    /** The index of the alert in spec.alerts (of the pipeline as the run froze it, for a pipeline run). */
    public Integer alert;
    public AlertEvent event;
    public AlertDeliveryState state;
    public Integer attempts;
    public String lastAttemptTime;
    public String sentTime;
    /** What happened, for people; never the webhook's URL. */
    public String message;
}

package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * One alert a run owes: which entry of the job's or pipeline's spec.alerts, for which event, and how its
 * delivery went. A delivery recorded as Sent or Failed is never attempted again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AlertDeliveryStatus {
    @JsonPropertyDescription("The index of the alert in spec.alerts (for a pipeline run, of the pipeline as the run "
            + "froze it).")
    public Integer alert;
    @JsonPropertyDescription("The run transition the alert is for: Started, Succeeded, Failed, TimedOut or Recovered.")
    public AlertEvent event;
    @JsonPropertyDescription("Where the delivery stands: Pending, Sent or Failed. Sent and Failed are final: the alert "
            + "is never posted again.")
    public AlertDeliveryState state;
    @JsonPropertyDescription("How many times the webhook was called for this alert.")
    public Integer attempts;
    @JsonPropertyDescription("When the webhook was last called (RFC 3339).")
    public String lastAttemptTime;
    @JsonPropertyDescription("When the webhook accepted the alert (RFC 3339); absent until it did.")
    public String sentTime;
    @JsonPropertyDescription("What happened to the delivery, for people, such as the webhook's HTTP status; never the "
            + "webhook's URL.")
    public String message;
}

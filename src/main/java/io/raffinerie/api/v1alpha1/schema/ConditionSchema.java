package io.raffinerie.api.v1alpha1.schema;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The schema of a status condition (metav1.Condition). */
public final class ConditionSchema {
    @JsonPropertyDescription("When status last changed (RFC 3339).")
    public String lastTransitionTime;

    @JsonPropertyDescription("What the condition means now, for people: what is wrong and what to do.")
    public String message;

    @JsonPropertyDescription("The metadata.generation the condition was set for.")
    public Long observedGeneration;

    @JsonPropertyDescription("Why the condition has its status, in CamelCase, such as NoEnvironment "
            + "(see the reasons reference).")
    public String reason;

    @JsonPropertyDescription("True, False or Unknown.")
    public String status;

    @JsonPropertyDescription("The condition's type, such as Ready or Deprecated.")
    public String type;

    private ConditionSchema() {
    }
}

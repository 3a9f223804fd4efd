package io.raffinerie.api.v1alpha1.schema;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The schema of a pod's Toleration. */
public final class TolerationSchema {
    @JsonPropertyDescription("The taint effect to tolerate: NoSchedule, PreferNoSchedule or NoExecute; absent: every "
            + "effect.")
    public String effect;

    @JsonPropertyDescription("The taint key to tolerate, such as dedicated; absent with operator Exists: every taint.")
    public String key;

    @JsonPropertyDescription("How key and value are compared: Equal (default) or Exists (any value).")
    public String operator;

    @JsonPropertyDescription("For effect NoExecute: how many seconds the pod stays on a node once the taint appears; "
            + "absent: for ever.")
    public Long tolerationSeconds;

    @JsonPropertyDescription("The taint value to match with operator Equal, such as batch; empty with Exists.")
    public String value;

    private TolerationSchema() {
    }
}

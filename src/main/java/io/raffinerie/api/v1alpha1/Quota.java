package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Totals for the environment's namespace, as a ResourceQuota. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Quota {
    @Size(max = 32)
    @ValidationRule(value = Patterns.NON_NEGATIVE_QUANTITY, message = Patterns.NON_NEGATIVE_QUANTITY_MESSAGE)
    @JsonPropertyDescription("The total CPU the namespace's pods may request (ResourceQuota cpu), such as 8 or 500m.")
    public String cpu;

    @Size(max = 32)
    @ValidationRule(value = Patterns.NON_NEGATIVE_QUANTITY, message = Patterns.NON_NEGATIVE_QUANTITY_MESSAGE)
    @JsonPropertyDescription("The total memory the namespace's pods may request (ResourceQuota memory), such as 16Gi.")
    public String memory;

    @Min(0)
    @Max(100000)
    @JsonPropertyDescription("How many pods the namespace may hold at once, 0 to 100000.")
    public Integer pods;
}

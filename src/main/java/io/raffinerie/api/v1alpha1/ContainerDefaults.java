package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Default requests and limits for job containers that set none, as a LimitRange. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerDefaults {
    @Size(max = 32)
    @ValidationRule(value = Patterns.NON_NEGATIVE_QUANTITY, message = Patterns.NON_NEGATIVE_QUANTITY_MESSAGE)
    @JsonPropertyDescription("The CPU request and limit of job containers that set none (a LimitRange default), such as "
            + "500m or 2.")
    public String cpu;

    @Size(max = 32)
    @ValidationRule(value = Patterns.NON_NEGATIVE_QUANTITY, message = Patterns.NON_NEGATIVE_QUANTITY_MESSAGE)
    @JsonPropertyDescription("The memory request and limit of job containers that set none (a LimitRange default), such "
            + "as 512Mi or 4Gi.")
    public String memory;
}

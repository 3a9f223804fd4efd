package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Default requests and limits for job containers that set none, as a LimitRange. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerDefaults {
    @Size(max = 32)
    @ValidationRule(value = Patterns.NON_NEGATIVE_QUANTITY, message = Patterns.NON_NEGATIVE_QUANTITY_MESSAGE)
    public String cpu;

    @Size(max = 32)
    @ValidationRule(value = Patterns.NON_NEGATIVE_QUANTITY, message = Patterns.NON_NEGATIVE_QUANTITY_MESSAGE)
    public String memory;
}

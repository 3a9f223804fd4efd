package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** What every step of a pipeline has: a name, the DataJob it runs and its own parameters. */
public abstract class StepJob {
    @Required
    @Size(min = 1, max = 63)
    @ValidationRule(value = Patterns.DNS_LABEL_RULE, message = Patterns.DNS_LABEL_MESSAGE)
    @JsonPropertyDescription("The step's name, unique in the pipeline, such as load; a DNS label.")
    public String name;

    @Required
    @Size(min = 1, max = 253)
    @ValidationRule(value = Patterns.DNS_SUBDOMAIN_RULE, message = Patterns.DNS_SUBDOMAIN_MESSAGE)
    @JsonPropertyDescription("The DataJob the step runs, in the pipeline's namespace.")
    public String jobRef;

    @Size(max = 50)
    @JsonPropertyDescription("Parameter values for this step only, over the pipeline's (and the run's). At most 50.")
    public Map<String, String> parameters;
}

package io.raffinerie.api.v1alpha1;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** What every step of a pipeline has: a name, the DataJob it runs and its own parameters. */
public abstract class StepJob {
    @Required
    @Size(min = 1, max = 63)
    @ValidationRule(value = Patterns.DNS_LABEL_RULE, message = Patterns.DNS_LABEL_MESSAGE)
    public String name;

    /** A DataJob in the pipeline's namespace. */
    @Required
    @Size(min = 1, max = 253)
    @ValidationRule(value = Patterns.DNS_SUBDOMAIN_RULE, message = Patterns.DNS_SUBDOMAIN_MESSAGE)
    public String jobRef;

    /** Parameters for this step only, over the pipeline's. */
    @Size(max = 50)
    public Map<String, String> parameters;
}

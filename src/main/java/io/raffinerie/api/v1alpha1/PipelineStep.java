package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** One node of a pipeline: a DataJob, the steps it waits for, and when it runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.dependsOn) || !(self.name in self.dependsOn)", message = "a step cannot depend on itself",
        messageExpression = "'a step cannot depend on itself: remove \"' + self.name + '\" from its dependsOn'",
        fieldPath = ".dependsOn")
public class PipelineStep {
    public static final int MAX_STEPS = 100;

    @Required
    @Size(min = 1, max = 63)
    @ValidationRule(value = Patterns.DNS_LABEL_RULE, message = Patterns.DNS_LABEL_MESSAGE)
    public String name;

    /** A DataJob in the pipeline's namespace. */
    @Required
    @Size(min = 1, max = 253)
    @ValidationRule(value = Patterns.DNS_SUBDOMAIN_RULE, message = Patterns.DNS_SUBDOMAIN_MESSAGE)
    public String jobRef;

    @Size(max = 20)
    public List<String> dependsOn;

    public When when;

    /** Parameters for this step only, over the pipeline's. */
    @Size(max = 50)
    public Map<String, String> parameters;
}

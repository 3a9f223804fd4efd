package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Where the steps of a pipeline run share files: a PersistentVolumeClaim of the pipeline's namespace, mounted at
 * /workspace in every step's pod, in a directory of its own for each run (see docs/pipelines.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Workspace {
    @Required
    @Size(max = 253)
    @ValidationRule(value = Patterns.DNS_SUBDOMAIN_RULE, message = Patterns.DNS_SUBDOMAIN_MESSAGE)
    @JsonPropertyDescription("The PersistentVolumeClaim, in the pipeline's namespace, such as sales-workspace.")
    public String claimName;
}

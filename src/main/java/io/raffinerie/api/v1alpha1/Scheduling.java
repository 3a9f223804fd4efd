package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Toleration;
import io.raffinerie.api.v1alpha1.schema.TolerationSchema;
import java.util.List;
import java.util.Map;

/**
 * Where the pods of an environment's runs go: a platform team pins an environment to a node pool. Applied to every
 * pod the operator makes for the environment's runs, scheduled or not.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Scheduling {
    @Size(max = 20)
    @JsonPropertyDescription("Labels a node must have, as in a pod's nodeSelector, such as {node-pool: batch}. At most 20.")
    public Map<String, String> nodeSelector;

    @Size(max = 20)
    @JsonPropertyDescription("Taints the pods tolerate, as in a pod's tolerations. At most 20.")
    @SchemaFrom(type = TolerationSchema[].class)
    public List<Toleration> tolerations;

    @Size(max = 253)
    @ValidationRule(value = Patterns.DNS_SUBDOMAIN_RULE, message = Patterns.DNS_SUBDOMAIN_MESSAGE)
    @JsonPropertyDescription("A PriorityClass for the pods; it must exist when the pods are created, or the API server "
            + "refuses them.")
    public String priorityClassName;
}

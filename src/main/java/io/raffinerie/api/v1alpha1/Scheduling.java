package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/**
 * Where the pods of an environment's runs go: a platform team pins an environment to a node pool. Applied to every
 * pod the operator makes for the environment's runs, scheduled or not.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Scheduling {
    /** Labels a node must have, as in a pod's nodeSelector. */
    @Size(max = 20)
    public Map<String, String> nodeSelector;

    /** Taints the pods tolerate, as in a pod's tolerations. */
    @Size(max = 20)
    public List<Toleration> tolerations;

    /** A PriorityClass for the pods. */
    @Size(max = 253)
    @ValidationRule(value = Patterns.DNS_SUBDOMAIN_RULE, message = Patterns.DNS_SUBDOMAIN_MESSAGE)
    public String priorityClassName;
}

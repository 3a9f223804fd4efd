package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkSpec {
    @JsonPropertyDescription("Strict (default): NetworkPolicies deny traffic in and out, except DNS, the environment's "
            + "own pods and the declared egress. None: no NetworkPolicy.")
    public NetworkIsolation isolation;

    @Size(max = 50)
    @JsonPropertyDescription("The data sources the pods may reach under Strict isolation: IP ranges or namespaces, with "
            + "ports. At most 50.")
    public List<EgressRule> egress;
}

package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Size;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkSpec {
    public NetworkIsolation isolation;

    /** Declared data sources that pods may reach under Strict isolation. */
    @Size(max = 50)
    public List<EgressRule> egress;
}

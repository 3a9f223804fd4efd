package io.raffinerie.api.v1alpha1.schema;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/** The schema of a container's ResourceRequirements. */
public final class ResourceRequirementsSchema {
    @JsonPropertyDescription("Dynamic resource claims of the pod the container uses, by name (DRA); rarely needed.")
    public List<ResourceClaimSchema> claims;

    @JsonPropertyDescription("The most the container may use, by resource name, such as {cpu: \"2\", memory: 4Gi}; "
            + "past the memory limit the container is killed (OOMKilled).")
    public Map<String, Quantity> limits;

    @JsonPropertyDescription("What the container is guaranteed and scheduled by, by resource name, such as "
            + "{cpu: 250m, memory: 512Mi}; absent: the limits, or the defaults.")
    public Map<String, Quantity> requests;

    private ResourceRequirementsSchema() {
    }

    /** The schema of one entry of ResourceRequirements.claims. */
    public static final class ResourceClaimSchema {
        @JsonPropertyDescription("The name of one of the pod's resourceClaims.")
        public String name;

        @JsonPropertyDescription("One request of that claim, by name; absent: the whole claim.")
        public String request;

        private ResourceClaimSchema() {
        }
    }
}

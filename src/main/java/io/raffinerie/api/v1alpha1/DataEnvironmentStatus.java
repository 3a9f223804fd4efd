package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataEnvironmentStatus extends Status {
    @JsonPropertyDescription("The namespace the environment governs.")
    public String namespace;
}

package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.raffinerie.api.v1alpha1.schema.ResourceRequirementsSchema;

/** What a job of the technology gets when its spec says nothing. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TechnologyDefaults {
    @JsonPropertyDescription("CPU and memory requests and limits of jobs of the technology that set no resources.")
    @SchemaFrom(type = ResourceRequirementsSchema.class)
    public ResourceRequirements resources;
}

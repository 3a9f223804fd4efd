package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** What a job of the technology gets when its spec says nothing. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TechnologyDefaults {
    public ResourceRequirements resources;
}

package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/** Labels and annotations added to a job's pods, for example for a service mesh or a cost tool. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodMetadata {
    @Size(max = 32)
    public Map<String, String> labels;

    @Size(max = 32)
    public Map<String, String> annotations;
}

package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Where to tell people about run transitions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Alert {
    /** The transitions to tell about. Not named "on", which YAML 1.1 (kubectl's YAML) reads as the boolean true. */
    @Required
    @Size(min = 1, max = 5)
    public List<AlertEvent> events;

    @Required
    public Webhook webhook;
}

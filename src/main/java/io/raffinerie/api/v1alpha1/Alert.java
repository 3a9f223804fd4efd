package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Where to tell people about run transitions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Alert {
    /** The transitions to tell about. Not named "on", which YAML 1.1 (kubectl's YAML) reads as the boolean true. */
    @Required
    @Size(min = 1, max = 5)
    @JsonPropertyDescription("The run transitions to tell about: Started, Succeeded, Failed, TimedOut, Recovered (a "
            + "success after a failure). 1 to 5 entries.")
    public List<AlertEvent> events;

    @Required
    @JsonPropertyDescription("Where the alert is posted: a webhook whose URL is read from a Secret.")
    public Webhook webhook;
}

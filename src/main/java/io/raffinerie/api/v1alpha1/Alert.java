package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Where to tell people about run transitions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Alert {
    @Required
    @Size(min = 1, max = 5)
    public List<AlertEvent> on;

    @Required
    public Webhook webhook;
}

package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A webhook whose URL is kept in a Secret, never in the spec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Webhook {
    @Required
    @JsonPropertyDescription("The Secret key that holds the webhook's URL; the URL never appears in the spec, in Events "
            + "or in logs.")
    public SecretKeyRef urlSecretRef;

    @JsonPropertyDescription("The payload: generic (default) posts JSON with the run's details, slack posts a Slack "
            + "message.")
    public WebhookFormat format;
}

package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** A webhook whose URL is kept in a Secret, never in the spec. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Webhook {
    @Required
    public SecretKeyRef urlSecretRef;

    public WebhookFormat format;
}

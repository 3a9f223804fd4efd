package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A key of a Secret in the same namespace. The value is never copied by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeyRef {
    @Required
    @Size(max = 253)
    @ValidationRule(value = Patterns.DNS_SUBDOMAIN_RULE, message = Patterns.DNS_SUBDOMAIN_MESSAGE)
    @JsonPropertyDescription("The Secret's name, in the same namespace.")
    public String name;

    @Required
    @Size(max = 253)
    @ValidationRule(value = Patterns.SECRET_KEY_RULE, message = Patterns.SECRET_KEY_MESSAGE)
    @JsonPropertyDescription("The key in the Secret, such as password.")
    public String key;

    public SecretKeyRef() {
    }

    public SecretKeyRef(String name, String key) {
        this.name = name;
        this.key = key;
    }
}

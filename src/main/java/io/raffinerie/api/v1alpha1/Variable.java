package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** An environment variable: a plain value or a reference to a Secret's key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "has(self.value) != has(self.secretKeyRef)", message = "exactly one of value and secretKeyRef must be set")
public class Variable {
    @Required
    @Size(max = 128)
    @ValidationRule(value = Patterns.ENV_NAME_RULE, message = Patterns.ENV_NAME_MESSAGE)
    @JsonPropertyDescription("The variable's name, such as WAREHOUSE_URL: letters, digits and '_', not starting with a "
            + "digit.")
    public String name;

    @Size(max = 32768)
    @JsonPropertyDescription("A plain value; exactly one of value and secretKeyRef.")
    public String value;

    @JsonPropertyDescription("A key of a Secret in the same namespace, whose value the container gets; the operator "
            + "never copies it. Exactly one of value and secretKeyRef.")
    public SecretKeyRef secretKeyRef;

    public Variable() {
    }

    public static Variable plain(String name, String value) {
        Variable variable = new Variable();
        variable.name = name;
        variable.value = value;
        return variable;
    }

    public static Variable secret(String name, SecretKeyRef ref) {
        Variable variable = new Variable();
        variable.name = name;
        variable.secretKeyRef = ref;
        return variable;
    }
}

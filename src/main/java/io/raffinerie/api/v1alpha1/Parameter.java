package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A run parameter, passed to the container as an environment variable. Without a default, a run must set it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Parameter {
    @Required
    @Size(max = 128)
    @ValidationRule(value = Patterns.ENV_NAME_RULE, message = Patterns.ENV_NAME_MESSAGE)
    @JsonPropertyDescription("The parameter's name, also the environment variable's, such as DAY.")
    public String name;

    @JsonProperty("default")
    @Size(max = 4096)
    @JsonPropertyDescription("The value when a run sets none; absent: every run must set it (else MissingParameter).")
    public String defaultValue;

    @Size(max = 1024)
    @JsonPropertyDescription("What the parameter means, for the people who run the job or pipeline.")
    public String description;

    public Parameter() {
    }

    public Parameter(String name, String defaultValue) {
        this.name = name;
        this.defaultValue = defaultValue;
    }
}

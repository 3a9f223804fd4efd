package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A result a job writes when it succeeds (docs/results.md): a small named value that later steps read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ResultDeclaration {
    public static final int MAX_RESULTS = 20;

    @Required
    @Size(min = 1, max = 63)
    @ValidationRule(value = "self.matches('" + Patterns.RESULT_NAME + "')", message = Patterns.RESULT_NAME_MESSAGE)
    @JsonPropertyDescription("The result's name: letters, digits and '_', not starting with a digit (a CEL identifier). The job"
            + " writes it as a line NAME=VALUE to the file named by RAFFINERIE_RESULTS.")
    public String name;

    @Size(max = 1024)
    @JsonPropertyDescription("What the result holds, for the people who read the job.")
    public String description;

    public ResultDeclaration() {
    }

    public ResultDeclaration(String name) {
        this.name = name;
    }
}

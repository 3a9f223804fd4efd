package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** One node of a pipeline: a DataJob, the steps it waits for, and when it runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.dependsOn) || !(self.name in self.dependsOn)", message = "a step cannot depend on itself",
        messageExpression = "'a step cannot depend on itself: remove \"' + self.name + '\" from its dependsOn'",
        fieldPath = ".dependsOn")
public class PipelineStep extends StepJob {
    public static final int MAX_STEPS = 100;
    public static final int MAX_INPUTS = 20;
    public static final int MAX_WHEN = 1024;

    @Size(max = 20)
    @JsonPropertyDescription("The steps this step waits for, by name; absent: it starts with the run. At most 20.")
    public List<String> dependsOn;

    /**
     * One of the {@link When} names, or a CEL expression on the upstream steps' results (docs/results.md); the
     * names keep their meaning, an expression runs the step when its dependencies succeeded and it is true.
     */
    @Size(min = 1, max = MAX_WHEN)
    @JsonPropertyDescription("When the step runs. AllSucceeded (the default), AllSucceededOrSkipped, AnySucceeded, AllDone or"
            + " AnyFailed, given how the steps it depends on ended; or a CEL expression on the results of upstream steps,"
            + " such as int(steps.extract.results.rows) > 0, tested once its dependencies succeeded (false: the step is"
            + " Skipped). Results are strings: int(), double() and bool() convert them. See docs/results.md.")
    public String when;

    @Size(max = MAX_INPUTS)
    @ValidationRule(value = "self.all(k, k.matches('" + Patterns.ENV_NAME + "'))",
            message = "an input's name is an environment variable name: letters, digits and '_', not starting with a digit")
    // The references' form is checked by the operator (Ready=False, InvalidInput): a rule on the map's values, whose
    // length the schema cannot bound, would cost more than the API server allows.
    @JsonPropertyDescription("Results of upstream steps that the step's container gets as environment variables: variable name"
            + " to steps.STEP.results.RESULT, where STEP is a step this one depends on (directly or not) and RESULT a result"
            + " its DataJob declares. An input of a step that did not succeed is not set.")
    public Map<String, String> inputs;
}

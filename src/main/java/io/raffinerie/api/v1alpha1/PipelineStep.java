package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** One node of a pipeline: a DataJob, the steps it waits for, and when it runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.dependsOn) || !(self.name in self.dependsOn)", message = "a step cannot depend on itself",
        messageExpression = "'a step cannot depend on itself: remove \"' + self.name + '\" from its dependsOn'",
        fieldPath = ".dependsOn")
public class PipelineStep extends StepJob {
    public static final int MAX_STEPS = 100;

    @Size(max = 20)
    @JsonPropertyDescription("The steps this step waits for, by name; absent: it starts with the run. At most 20.")
    public List<String> dependsOn;

    @JsonPropertyDescription("When the step runs, given how the steps it depends on ended: AllSucceeded (default), "
            + "AllSucceededOrSkipped, AnySucceeded, AllDone or AnyFailed; otherwise it is Skipped.")
    public When when;
}

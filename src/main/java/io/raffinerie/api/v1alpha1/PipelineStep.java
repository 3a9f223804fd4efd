package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
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
    public List<String> dependsOn;

    public When when;
}

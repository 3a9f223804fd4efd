package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.parameters) || self.parameters.all(p, self.parameters.exists_one(q, q.name == p.name))",
        message = "parameter names must be unique", fieldPath = ".parameters")
public class DataPipelineSpec {
    @Required
    @Size(min = 1, max = PipelineStep.MAX_STEPS)
    @ValidationRule(value = "self.all(s, self.exists_one(t, t.name == s.name))", message = "step names must be unique")
    @ValidationRule(value = "self.all(s, !has(s.dependsOn) || s.dependsOn.all(d, self.exists(t, t.name == d)))",
            message = "every dependsOn entry must name a step of this pipeline")
    public List<PipelineStep> steps;

    @Size(max = 50)
    public List<Parameter> parameters;

    public FailurePolicy failurePolicy;

    /** How long a run of the whole pipeline may take, such as 2h. */
    @Size(max = 32)
    @Pattern(Patterns.DURATION)
    public String timeout;

    public PipelineSchedule schedule;

    public History history;

    @Size(max = 10)
    public List<Alert> alerts;
}

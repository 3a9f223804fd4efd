package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = Patterns.UNIQUE_PARAMETERS, message = Patterns.UNIQUE_PARAMETERS_MESSAGE,
        messageExpression = Patterns.UNIQUE_PARAMETERS_MESSAGE_EXPRESSION, fieldPath = ".parameters")
// A finally step named like a step is refused by the operator (Ready=False): a rule across both lists would cost more
// than the API server lets a CRD's rules cost in all.
public class DataPipelineSpec {
    @Required
    @Size(min = 1, max = PipelineStep.MAX_STEPS)
    // The messages say what PipelineGraph says when the operator checks the same (a pipeline written before these rules).
    // Each step maps to its message or ''; the first message wins. self.indexOf(s) gives the index at a cost the API
    // server can bound, which list functions on self.map(...) do not; "in" costs less than exists().
    @ValidationRule(value = "self.all(s, self.exists_one(t, t.name == s.name))", message = "step names must be unique",
            messageExpression = "self.map(s, !self.exists_one(t, t.name == s.name) ? 'spec.steps[%d] (%s): the step name \"%s\" is"
                    + " used more than once; step names must be unique'.format([self.indexOf(s), s.name, s.name]) : '')"
                    + ".filter(m, m != '')[0]")
    @ValidationRule(value = "self.all(s, !has(s.dependsOn) || s.dependsOn.all(d, self.exists(t, t.name == d)))",
            message = "every dependsOn entry must name a step of this pipeline",
            messageExpression = "self.map(s, has(s.dependsOn) && s.dependsOn.exists(d, !(d in self.map(t, t.name)))"
                    + " ? 'spec.steps[%d] (%s): dependsOn \"%s\" is not a step of this pipeline; steps are: %s'.format(["
                    + "self.indexOf(s), s.name, s.dependsOn.filter(d, !(d in self.map(t, t.name)))[0], self.map(t, t.name)])"
                    + " : '').filter(m, m != '')[0]")
    public List<PipelineStep> steps;

    /** Steps that run after all the others, whatever happened to them (see FinallyStep). */
    @JsonProperty("finally")
    @Size(max = FinallyStep.MAX_STEPS)
    @ValidationRule(value = "self.all(f, self.exists_one(g, g.name == f.name))", message = "finally step names must be unique",
            messageExpression = "self.map(f, !self.exists_one(g, g.name == f.name) ? 'spec.finally[%d] (%s): the step name"
                    + " \"%s\" is used more than once; step names must be unique'.format([self.indexOf(f), f.name, f.name])"
                    + " : '').filter(m, m != '')[0]")
    public List<FinallyStep> finallySteps;

    @Size(max = 50)
    public List<Parameter> parameters;

    public FailurePolicy failurePolicy;

    /** How long a run of the whole pipeline may take, such as 2h. */
    @Size(max = 32)
    @ValidationRule(value = Patterns.DURATION_RULE, message = Patterns.DURATION_MESSAGE)
    public String timeout;

    public PipelineSchedule schedule;

    /** A volume every step of a run mounts at /workspace, to pass files from one step to the next. */
    public Workspace workspace;

    public History history;

    @Size(max = 10)
    public List<Alert> alerts;
}

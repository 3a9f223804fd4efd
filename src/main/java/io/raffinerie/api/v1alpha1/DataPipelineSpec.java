package io.raffinerie.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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
    @JsonPropertyDescription("The steps of the pipeline, each running a DataJob once the steps it depends on have ended; "
            + "together a DAG. Names unique, 1 to 100 steps.")
    public List<PipelineStep> steps;

    @JsonProperty("finally")
    @Size(max = FinallyStep.MAX_STEPS)
    @ValidationRule(value = "self.all(f, self.exists_one(g, g.name == f.name))", message = "finally step names must be unique",
            messageExpression = "self.map(f, !self.exists_one(g, g.name == f.name) ? 'spec.finally[%d] (%s): the step name"
                    + " \"%s\" is used more than once; step names must be unique'.format([self.indexOf(f), f.name, f.name])"
                    + " : '').filter(m, m != '')[0]")
    @JsonPropertyDescription("Steps that run once all the others have ended, whatever happened to them (to alert, clean "
            + "up or publish); their jobs get RAFFINERIE_RUN_OUTCOME and RAFFINERIE_FAILED_STEPS. At most 10.")
    public List<FinallyStep> finallySteps;

    @Size(max = 50)
    @JsonPropertyDescription("The pipeline's parameters, passed to every step's job as environment variables; a DataRun "
            + "sets them. Names unique, at most 50.")
    public List<Parameter> parameters;

    @JsonPropertyDescription("What a run does after a step fails: StopOnFailure (default) skips the steps not started "
            + "yet, Continue lets independent branches go on.")
    public FailurePolicy failurePolicy;

    @Size(max = 32)
    @ValidationRule(value = Patterns.DURATION_RULE, message = Patterns.DURATION_MESSAGE)
    @JsonPropertyDescription("How long a run of the whole pipeline may take, such as 2h; past it the running steps are "
            + "stopped and the run fails with DeadlineExceeded. Absent: no limit.")
    public String timeout;

    @JsonPropertyDescription("When the pipeline runs by itself: a cron schedule run by the operator, with a policy for "
            + "missed times. Absent: only on demand.")
    public PipelineSchedule schedule;

    @JsonPropertyDescription("A PersistentVolumeClaim every step of a run mounts at /workspace (a directory per run), to "
            + "pass files from one step to the next.")
    public Workspace workspace;

    @JsonPropertyDescription("How many finished DataRuns of the pipeline to keep, by outcome (10 each by default), and "
            + "for how long at most.")
    public History history;

    @Size(max = 10)
    @JsonPropertyDescription("Webhooks to post on run transitions (Started, Succeeded, Failed, TimedOut, Recovered). At "
            + "most 10.")
    public List<Alert> alerts;
}

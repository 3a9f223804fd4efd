package io.raffinerie.model.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataPipelineSpec;
import io.raffinerie.api.v1alpha1.PipelineStep;
import io.raffinerie.api.v1alpha1.ResultDeclaration;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.RunSnapshot;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Reasons;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Results passed downstream: inputs and when expressions, checked against the graph, then in a run's plan. */
class StepInputsTest {
    @Test
    void acceptsResultsOfUpstreamSteps() {
        assertThat(StepInputs.check(pipeline("steps.count.results.rows", "int(steps.count.results.rows) > 0"), StepInputsTest::job))
                .isEmpty();
    }

    @Test
    void refusesAStepThatIsNoneOfThePipeline() {
        assertThat(check("steps.counter.results.rows", null)).hasValue(new Problem(Reasons.INVALID_INPUT,
                "step report: input ROWS (steps.counter.results.rows) names step \"counter\", which is not a step of this pipeline"));
    }

    @Test
    void refusesAStepThatIsNotUpstream() {
        DataPipelineSpec spec = pipeline("steps.report.results.rows", null);
        spec.steps.get(1).inputs = Map.of("ROWS", "steps.load.results.rows");
        assertThat(StepInputs.check(spec, StepInputsTest::job)).get().extracting(Problem::message).asString()
                .startsWith("step load: input ROWS (steps.load.results.rows) names step \"load\", which is not upstream of it");
    }

    @Test
    void refusesAResultTheJobDoesNotDeclare() {
        assertThat(check("steps.count.results.lines", null)).get().extracting(Problem::message)
                .isEqualTo("step report: input ROWS (steps.count.results.lines) names result \"lines\", which DataJob counter of step"
                        + " count does not declare (it declares rows)");
        assertThat(check("steps.load.results.rows", null)).get().extracting(Problem::message).asString()
                .endsWith("(it declares no results)");
    }

    @Test
    void refusesABadWhen() {
        assertThat(check(null, "int(steps.count.results.rows) >")).get().extracting(Problem::reason).isEqualTo(Reasons.INVALID_CONDITION);
        assertThat(check(null, "AllSucceeded")).isEmpty();
    }

    @Test
    void aRunPassesTheCountDownstreamAndSkipsByItsWhen() {
        DataPipelineSpec spec = pipeline("steps.count.results.rows", "int(steps.count.results.rows) > 0");
        spec.steps.add(step("archive", "load", "int(steps.count.results.rows) == 0", null));
        PipelineRunsTest.Simulation run = new PipelineRunsTest.Simulation(spec);
        run.snapshot.jobs = new ArrayList<>(List.of(frozen("counter"), frozen("loader")));
        assertThat(run.step().stepsToStart()).containsExactly("count");
        run.observed.put("count", new PipelineRuns.Observed(PipelineRunsTest.job("count", 0, "Complete"), List.of(pod("rows=3\n"))));
        assertThat(run.step().stepsToStart()).containsExactly("load");
        assertThat(run.status("count").results).containsExactly(Map.entry("rows", "3"));
        assertThat(StepInputs.values(spec.steps.get(2), Map.of("count", run.status("count")))).containsExactly(Map.entry("ROWS", "3"));
        run.end("load", true);
        assertThat(run.step().stepsToStart()).containsExactly("report");
        assertThat(run.status("archive").phase).isEqualTo(StepPhase.Skipped);
        assertThat(run.status("archive").reason).isEqualTo(Reasons.CONDITION_NOT_MET);
        assertThat(run.status("archive").message).isEqualTo("when \"int(steps.count.results.rows) == 0\" is false");
        run.end("report", true);
        assertThat(run.step().phase()).isEqualTo(RunPhase.Succeeded);
    }

    @Test
    void aWhenThatCannotBeEvaluatedFailsTheStep() {
        DataPipelineSpec spec = pipeline(null, "int(steps.count.results.rows) > 0");
        PipelineRunsTest.Simulation run = new PipelineRunsTest.Simulation(spec);
        run.snapshot.jobs = new ArrayList<>(List.of(frozen("counter"), frozen("loader")));
        run.step();
        run.observed.put("count", new PipelineRuns.Observed(PipelineRunsTest.job("count", 0, "Complete"), List.of(pod("rows=many"))));
        run.step();
        run.end("load", true);
        run.step();
        assertThat(run.status("report").phase).isEqualTo(StepPhase.Failed);
        assertThat(run.status("report").reason).isEqualTo(Reasons.CONDITION_FAILED);
        assertThat(run.status("report").message).startsWith("when \"int(steps.count.results.rows) > 0\" could not be evaluated");
        assertThat(run.step().phase()).isEqualTo(RunPhase.Failed);
    }

    @Test
    void badResultsFailTheStepAndTheRun() {
        PipelineRunsTest.Simulation run = new PipelineRunsTest.Simulation(pipeline("steps.count.results.rows", null));
        run.snapshot.jobs = new ArrayList<>(List.of(frozen("counter"), frozen("loader")));
        run.step();
        run.observed.put("count", new PipelineRuns.Observed(PipelineRunsTest.job("count", 0, "Complete"), List.of(pod("rows 3"))));
        PipelineRunPlan plan = run.step();
        assertThat(run.status("count").reason).isEqualTo(Reasons.RESULTS_INVALID);
        assertThat(plan.phase()).isEqualTo(RunPhase.Failed);
        assertThat(plan.message()).isEqualTo("step count failed: line 1 of the results is not NAME=VALUE: \"rows 3\"");
    }

    private static Optional<Problem> check(String input, String when) {
        return StepInputs.check(pipeline(input, when), StepInputsTest::job);
    }

    /** count (counter: declares rows) -> load (loader: none) -> report (loader), report's input and when as given. */
    private static DataPipelineSpec pipeline(String input, String when) {
        DataPipelineSpec spec = new DataPipelineSpec();
        spec.steps = new ArrayList<>(List.of(step("count", null, null, null), step("load", "count", null, null),
                step("report", "load", when, input)));
        spec.steps.get(0).jobRef = "counter";
        return spec;
    }

    private static PipelineStep step(String name, String dependsOn, String when, String input) {
        PipelineStep step = new PipelineStep();
        step.name = name;
        step.jobRef = "loader";
        step.dependsOn = dependsOn == null ? null : List.of(dependsOn);
        step.when = when;
        step.inputs = input == null ? null : Map.of("ROWS", input);
        return step;
    }

    private static DataJobSpec job(String name) {
        DataJobSpec spec = new DataJobSpec();
        spec.technology = "bash";
        spec.results = name.equals("counter") ? List.of(new ResultDeclaration("rows")) : null;
        return spec;
    }

    private static RunSnapshot.JobSnapshot frozen(String name) {
        RunSnapshot.JobSnapshot job = new RunSnapshot.JobSnapshot();
        job.name = name;
        job.spec = job(name);
        return job;
    }

    private static io.fabric8.kubernetes.api.model.Pod pod(String message) {
        return new PodBuilder().withNewMetadata().withName("count-pod").withCreationTimestamp("2026-11-28T10:00:00Z").endMetadata()
                .withNewStatus().addNewContainerStatus().withName("main").withNewState().withNewTerminated().withExitCode(0)
                .withMessage(message).endTerminated().endState().endContainerStatus().endStatus().build();
    }
}

package io.raffinerie.model.pipeline;

import static io.raffinerie.model.pipeline.PipelineRunsTest.job;
import static io.raffinerie.model.pipeline.PipelineRunsTest.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.RunReason;
import io.raffinerie.api.v1alpha1.DataPipelineSpec;
import io.raffinerie.api.v1alpha1.FinallyStep;
import io.raffinerie.api.v1alpha1.FinallyWhen;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.When;
import io.raffinerie.model.pipeline.PipelineRunsTest.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FinallyStepsTest {
    /** fetch, then score and dedupe, then an "on failure" step after both: the case that never alerted. */
    private static DataPipelineSpec twoLevels(FinallyStep... finallySteps) {
        DataPipelineSpec spec = new DataPipelineSpec();
        var alert = step("alert", List.of("score", "dedupe"));
        alert.when = When.AnyFailed.name();
        spec.steps = List.of(step("fetch", null), step("score", List.of("fetch")), step("dedupe", List.of("fetch")), alert);
        spec.finallySteps = new ArrayList<>(List.of(finallySteps));
        return spec;
    }

    private static FinallyStep finallyStep(String name, FinallyWhen when) {
        FinallyStep step = new FinallyStep();
        step.name = name;
        step.jobRef = "notify";
        step.when = when;
        return step;
    }

    @Test
    void aFinallyStepAlertsOnAFailureTwoLevelsUpWhereAnAnyFailedStepCannot() {
        Simulation run = new Simulation(twoLevels(finallyStep("notify", FinallyWhen.Failed), finallyStep("tidy", null),
                finallyStep("publish", FinallyWhen.Succeeded)));
        assertThat(run.step().stepsToStart()).containsExactly("fetch");
        assertThat(run.status("notify").phase).isEqualTo(StepPhase.Pending);
        assertThat(run.status("notify").message).isEqualTo("runs once every step has ended; waiting for fetch, score, dedupe, alert");
        run.end("fetch", false);

        PipelineRunPlan plan = run.step();
        assertThat(run.status("alert").phase).as("a skipped step does not count as failed").isEqualTo(StepPhase.Skipped);
        assertThat(plan.stepsToStart()).containsExactly("notify", "tidy");
        assertThat(plan.finallyInputs()).isEqualTo(Map.of("RAFFINERIE_RUN_OUTCOME", "Failed", "RAFFINERIE_FAILED_STEPS", "fetch"));
        assertThat(run.status("publish").phase).isEqualTo(StepPhase.Skipped);
        assertThat(run.status("publish").message).isEqualTo("when Succeeded: the steps ended Failed");
        assertThat(plan.phase()).as("the run waits for its finally steps").isEqualTo(RunPhase.Running);

        run.runToEnd(s -> false);
        assertThat(run.plan.phase()).isEqualTo(RunPhase.Failed);
        assertThat(run.plan.message()).startsWith("step fetch failed");
        assertThat(run.steps).extracting(s -> s.name).containsExactly("fetch", "score", "dedupe", "alert", "notify", "tidy", "publish");
        assertThat(run.steps).extracting(s -> s.finallyStep).containsExactly(null, null, null, null, true, true, true);
    }

    @Test
    void afterASuccessOnlyTheSucceededAndAlwaysStepsRun() {
        Simulation run = new Simulation(twoLevels(finallyStep("notify", FinallyWhen.Failed), finallyStep("tidy", FinallyWhen.Always),
                finallyStep("publish", FinallyWhen.Succeeded))).runToEnd(s -> false);
        assertThat(run.startOrder).containsExactly("fetch", "score", "dedupe", "tidy", "publish");
        assertThat(run.status("notify").reason).isEqualTo("ConditionNotMet");
        assertThat(run.status("notify").message).isEqualTo("when Failed: the steps ended Succeeded");
        assertThat(run.plan.phase()).isEqualTo(RunPhase.Succeeded);
    }

    @Test
    void aFailedFinallyStepFailsTheRunAndSaysItWasTheFinallyStep() {
        Simulation run = new Simulation(twoLevels(finallyStep("publish", FinallyWhen.Succeeded))).runToEnd("publish"::equals);
        assertThat(run.plan.phase()).isEqualTo(RunPhase.Failed);
        assertThat(run.plan.reason()).isEqualTo(RunReason.StepFailed);
        assertThat(run.plan.message()).startsWith("finally step publish failed");
    }

    @Test
    void aCancelCancelsFinallyStepsAndStopsARunningOne() {
        Simulation waiting = new Simulation(twoLevels(finallyStep("notify", null)));
        waiting.step();
        waiting.cancel = true;
        waiting.step();
        waiting.observed.put("fetch", new PipelineRuns.Observed(job("fetch", 0, "Suspended"), List.of()));
        waiting.step();
        assertThat(waiting.status("notify").phase).isEqualTo(StepPhase.Cancelled);
        assertThat(waiting.startOrder).doesNotContain("notify");
        assertThat(waiting.plan.phase()).isEqualTo(RunPhase.Cancelled);

        Simulation running = new Simulation(twoLevels(finallyStep("notify", null)));
        running.step();
        running.end("fetch", false);
        assertThat(running.step().stepsToStart()).containsExactly("notify");
        running.cancel = true;
        assertThat(running.step().jobsToStop()).containsExactly("run-notify");
    }

    @Test
    void aTimeoutStopsTheStepsThenRunsTheFailedStepWhichItDoesNotStop() {
        DataPipelineSpec spec = twoLevels(finallyStep("notify", FinallyWhen.Failed));
        spec.timeout = "10m";
        Simulation run = new Simulation(spec);
        run.step();
        run.now = run.now.plus(Duration.ofMinutes(11));
        assertThat(run.step().jobsToStop()).containsExactly("run-fetch");
        run.observed.put("fetch", new PipelineRuns.Observed(job("fetch", 0, "Suspended"), List.of()));
        PipelineRunPlan plan = run.step();
        assertThat(plan.stepsToStart()).containsExactly("notify");
        assertThat(plan.finallyInputs()).containsEntry("RAFFINERIE_RUN_OUTCOME", "Failed");
        assertThat(run.step().jobsToStop()).as("the pipeline's timeout does not stop its finally steps").isEmpty();
        run.end("notify", true);
        run.step();
        assertThat(run.plan.phase()).isEqualTo(RunPhase.Failed);
        assertThat(run.plan.reason()).isEqualTo(RunReason.DeadlineExceeded);
    }

    @Test
    void finallyStepsShareTheJobsOfTheRunButNotTheGraph() {
        DataPipelineSpec spec = twoLevels(finallyStep("notify", FinallyWhen.Failed));
        assertThat(FinallySteps.all(spec)).extracting(s -> s.name).containsExactly("fetch", "score", "dedupe", "alert", "notify");
        assertThat(FinallySteps.asSteps(spec).get(0).dependsOn).isNull();
        assertThat(FinallySteps.all(new DataPipelineSpec())).isEmpty();
    }
}

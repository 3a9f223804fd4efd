package io.raffinerie.model.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.raffinerie.api.v1alpha1.RunReason;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataPipelineSpec;
import io.raffinerie.api.v1alpha1.FailurePolicy;
import io.raffinerie.api.v1alpha1.FinallyStep;
import io.raffinerie.api.v1alpha1.FinallyWhen;
import io.raffinerie.api.v1alpha1.PipelineStep;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.RunSnapshot;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.api.v1alpha1.When;
import io.raffinerie.model.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipelineRunsTest {
    private static final Instant START = Instant.parse("2026-11-28T10:00:00Z");

    /** Drives a run to its end like the cluster would: Jobs start when asked, and end as {@code fails} decides. */
    static final class Simulation {
        final RunSnapshot snapshot;
        final Map<String, PipelineRuns.Observed> observed = new HashMap<>();
        final List<String> startOrder = new ArrayList<>();
        final Set<String> ended = new HashSet<>();
        final Set<String> failed = new HashSet<>();
        /** The steps started while some step had already failed. */
        final Set<String> startedAfterAFailure = new HashSet<>();
        /** The finally steps started while another step had not ended. */
        final Set<String> finallyStartedEarly = new HashSet<>();
        List<StepStatus> steps = List.of();
        PipelineRunPlan plan;
        boolean cancel;
        Instant now = START;

        Simulation(DataPipelineSpec pipeline) {
            snapshot = new RunSnapshot();
            snapshot.pipeline = pipeline;
        }

        PipelineRunPlan step() {
            plan = PipelineRuns.plan(new PipelineRuns.Input(snapshot, observed, steps, cancel, START, now, s -> "run-" + s));
            steps = plan.steps();
            for (String start : plan.stepsToStart()) {
                assertThat(observed).as("step %s started twice", start).doesNotContainKey(start);
                PipelineStep declared = FinallySteps.all(snapshot.pipeline).stream().filter(s -> s.name.equals(start)).findFirst()
                        .orElseThrow();
                if (FinallySteps.names(snapshot.pipeline).contains(start)
                        && plan.steps().stream().anyMatch(s -> s.finallyStep == null && !s.phase.isFinished())) {
                    finallyStartedEarly.add(start);
                }
                if (declared.dependsOn != null) {
                    assertThat(plan.steps()).filteredOn(s -> declared.dependsOn.contains(s.name))
                            .as("step %s started before its dependencies ended", start)
                            .allSatisfy(s -> assertThat(s.phase.isFinished()).isTrue());
                }
                startOrder.add(start);
                if (!failed.isEmpty() && !FinallySteps.names(snapshot.pipeline).contains(start)) {
                    startedAfterAFailure.add(start);
                }
                observed.put(start, new PipelineRuns.Observed(job(start, 1, null), List.of()));
            }
            return plan;
        }

        void end(String step, boolean succeed) {
            observed.put(step, new PipelineRuns.Observed(job(step, 0, succeed ? "Complete" : "Failed"), List.of()));
            ended.add(step);
            if (!succeed) {
                failed.add(step);
            }
        }

        List<String> running() {
            return observed.entrySet().stream().filter(e -> !ended.contains(e.getKey())).map(Map.Entry::getKey).sorted().toList();
        }

        StepStatus status(String step) {
            return steps.stream().filter(s -> s.name.equals(step)).findFirst().orElseThrow();
        }

        /** Runs to the end, ending running steps in name order, failing those {@code fails} names. */
        Simulation runToEnd(Predicate<String> fails) {
            for (int i = 0; i < 1000 && !step().phase().isFinished(); i++) {
                running().stream().findFirst().ifPresent(s -> end(s, !fails.test(s)));
            }
            assertThat(plan.phase().isFinished()).as("the run ends").isTrue();
            return this;
        }
    }

    static Job job(String step, int active, String condition) {
        JobBuilder job = new JobBuilder().withNewMetadata().withName("run-" + step).endMetadata()
                .withNewStatus().withActive(active).withStartTime("2026-11-28T10:00:00Z").endStatus();
        if (condition != null) {
            job.editStatus().withFailed("Failed".equals(condition) ? 1 : 0).withSucceeded("Complete".equals(condition) ? 1 : 0)
                    .addNewCondition().withType(condition).withStatus("True").withReason(condition)
                    .withLastTransitionTime("2026-11-28T10:01:00Z").endCondition().endStatus();
        }
        return job.build();
    }

    private static DataPipelineSpec diamond() {
        return Fixtures.load("pipelines/diamond.yaml", DataPipeline.class).getSpec();
    }

    @Test
    void diamondRunsItsBranchesInParallelAndSkipsTheFailureHandler() {
        Simulation run = new Simulation(diamond());
        assertThat(run.step().stepsToStart()).containsExactly("extract");
        run.end("extract", true);
        assertThat(run.step().stepsToStart()).containsExactly("clean", "enrich");
        assertThat(run.plan.phase()).isEqualTo(RunPhase.Running);
        run.end("clean", true);
        assertThat(run.step().stepsToStart()).as("load waits for enrich").isEmpty();
        run.end("enrich", true);
        assertThat(run.step().stepsToStart()).containsExactly("load");
        run.end("load", true);

        PipelineRunPlan done = run.step();
        assertThat(done.phase()).isEqualTo(RunPhase.Succeeded);
        assertThat(run.status("page").phase).isEqualTo(StepPhase.Skipped);
        assertThat(run.status("page").message).isEqualTo("when AnyFailed: step load Succeeded");
        assertThat(run.startOrder).containsExactly("extract", "clean", "enrich", "load");
    }

    @Test
    void failureUnderStopOnFailureSkipsDownstreamWithReasonsAndRunsTheAnyFailedStep() {
        Simulation run = new Simulation(diamond()).runToEnd(step -> step.equals("load"));

        assertThat(run.plan.phase()).isEqualTo(RunPhase.Failed);
        assertThat(run.plan.message()).startsWith("step load failed");
        assertThat(run.startOrder).containsExactly("extract", "clean", "enrich", "load", "page");
        assertThat(io.raffinerie.model.run.RunProgress.of(run.steps).progress()).as("a failed run never reads 5/5").isEqualTo("4/5");
    }

    @Test
    void aStepFailingAfterItsRetriesSaysItsExitCodeAndAttemptsAndTheRunRepeatsIt() {
        Simulation run = new Simulation(diamond());
        run.step();
        run.end("extract", true);
        run.step();
        run.end("clean", true);
        run.end("enrich", true);
        run.step();
        Job load = job("load", 0, "Failed");
        load.getStatus().setFailed(2);
        load.getStatus().getConditions().get(0).setReason("BackoffLimitExceeded");
        run.observed.put("load", new PipelineRuns.Observed(load, List.of(new PodBuilder().withNewMetadata().withName("run-load-2")
                .withCreationTimestamp("2026-11-28T10:00:30Z").endMetadata().withNewStatus().addNewContainerStatus().withName("main")
                .withNewState().withNewTerminated().withExitCode(3).withReason("Error").endTerminated().endState()
                .endContainerStatus().endStatus().build())));
        run.ended.add("load");
        run.runToEnd(s -> false);

        assertThat(run.status("load").message).isEqualTo("exit code 3 after 2 attempts");
        assertThat(run.status("load").reason).isEqualTo("BackoffLimitExceeded");
        assertThat(run.plan.phase()).isEqualTo(RunPhase.Failed);
        assertThat(run.plan.reason()).isEqualTo(RunReason.StepFailed);
        assertThat(run.plan.message()).isEqualTo("step load failed: exit code 3 after 2 attempts");
    }

    @Test
    void aSucceededRunAndARunningOneHaveNoReason() {
        Simulation run = new Simulation(diamond());
        assertThat(run.step().reason()).isNull();
        run.runToEnd(s -> false);
        assertThat(run.plan.phase()).isEqualTo(RunPhase.Succeeded);
        assertThat(run.plan.reason()).isNull();
        assertThat(io.raffinerie.model.run.RunProgress.of(run.steps).progress()).as("page was not meant to run").isEqualTo("4/4");
    }

    @Test
    void stopOnFailureSkipsIndependentBranchesButContinueLetsThemFinish() {
        DataPipelineSpec spec = diamond();
        Simulation stop = new Simulation(spec).runToEnd(step -> step.equals("clean"));
        assertThat(stop.status("load").phase).isEqualTo(StepPhase.Skipped);
        assertThat(stop.status("load").message).isEqualTo("when AllSucceeded: step clean Failed, step enrich Succeeded");

        DataPipelineSpec independent = new DataPipelineSpec();
        independent.steps = List.of(step("a", null), step("b", null), step("c", List.of("b")));
        Simulation stopped = new Simulation(independent);
        stopped.step();
        stopped.end("a", false);
        stopped.end("b", true);
        stopped.runToEnd(s -> false);
        assertThat(stopped.status("c").phase).isEqualTo(StepPhase.Skipped);
        assertThat(stopped.status("c").reason).isEqualTo("StopOnFailure");
        assertThat(stopped.status("c").message).isEqualTo("step a failed and the failure policy is StopOnFailure");

        independent.failurePolicy = FailurePolicy.Continue;
        Simulation continued = new Simulation(independent);
        continued.step();
        continued.end("a", false);
        continued.end("b", true);
        continued.runToEnd(s -> false);
        assertThat(continued.status("c").phase).isEqualTo(StepPhase.Succeeded);
        assertThat(continued.plan.phase()).isEqualTo(RunPhase.Failed);
    }

    @Test
    void stopOnFailureSeesAFailureWhateverTheDeclarationOrder() {
        DataPipelineSpec spec = new DataPipelineSpec();
        spec.steps = List.of(step("slow", null), step("follow", List.of("slow")), step("boom", null));
        Simulation run = new Simulation(spec);
        assertThat(run.step().stepsToStart()).containsExactly("slow", "boom");
        run.end("boom", false);
        run.step();
        run.end("slow", true);
        assertThat(run.step().stepsToStart()).as("follow must not start after boom failed").isEmpty();
        assertThat(run.status("follow").phase).isEqualTo(StepPhase.Skipped);
        assertThat(run.status("follow").message).isEqualTo("step boom failed and the failure policy is StopOnFailure");
        assertThat(run.plan.phase()).isEqualTo(RunPhase.Failed);
    }

    @Test
    void cancelStopsRunningJobsAndCancelsWhatHasNotStarted() {
        Simulation run = new Simulation(diamond());
        run.step();
        run.end("extract", true);
        run.step();
        run.cancel = true;
        PipelineRunPlan plan = run.step();
        assertThat(plan.jobsToStop()).containsExactly("run-clean", "run-enrich");
        assertThat(run.status("load").phase).isEqualTo(StepPhase.Cancelled);
        assertThat(plan.phase()).isEqualTo(RunPhase.Running);
        assertThat(plan.reason()).as("no reason until the run ends").isNull();
        run.observed.put("clean", new PipelineRuns.Observed(job("clean", 0, "Suspended"), List.of()));
        run.observed.put("enrich", new PipelineRuns.Observed(job("enrich", 0, "Suspended"), List.of()));
        plan = run.step();
        assertThat(plan.phase()).isEqualTo(RunPhase.Cancelled);
        assertThat(plan.reason()).isEqualTo(RunReason.Cancelled);
        assertThat(io.raffinerie.model.run.RunProgress.of(run.steps).progress()).isEqualTo("1/5");
        assertThat(io.raffinerie.model.run.RunProgress.of(run.steps).summary())
                .isEqualTo("5 of 5 finished: 1 succeeded, 4 cancelled");
    }

    @Test
    void timeoutStopsRunningJobsAndFailsTheRun() {
        DataPipelineSpec spec = diamond();
        spec.timeout = "10m";
        Simulation run = new Simulation(spec);
        assertThat(run.step().untilDeadline()).hasValue(java.time.Duration.ofMinutes(10));
        run.now = START.plusSeconds(601);
        PipelineRunPlan plan = run.step();
        assertThat(plan.jobsToStop()).containsExactly("run-extract");
        run.observed.put("extract", new PipelineRuns.Observed(job("extract", 0, "Suspended"), List.of()));
        plan = run.step();
        assertThat(plan.phase()).isEqualTo(RunPhase.Failed);
        assertThat(plan.reason()).isEqualTo(RunReason.DeadlineExceeded);
        assertThat(plan.message()).isEqualTo("the pipeline ran longer than its timeout of 10m");
        assertThat(run.status("load").reason).isEqualTo("PipelineTimeout");
    }

    @Test
    void reusedStepsAreKeptAndNotStartedAgain() {
        Simulation run = new Simulation(diamond());
        StepStatus reused = new StepStatus();
        reused.name = "extract";
        reused.phase = StepPhase.Succeeded;
        reused.reusedFrom = "daily-sales-7xk2p";
        run.steps = List.of(reused);
        assertThat(run.step().stepsToStart()).containsExactly("clean", "enrich");
        assertThat(run.status("extract").reusedFrom).isEqualTo("daily-sales-7xk2p");
    }

    @Test
    void aJobDeletedByHandFailsItsStep() {
        Simulation run = new Simulation(diamond());
        run.step();
        run.observed.remove("extract");
        run.step();
        assertThat(run.status("extract").phase).isEqualTo(StepPhase.Failed);
        assertThat(run.status("extract").reason).isEqualTo("JobDeleted");
    }

    @ParameterizedTest(name = "random DAG {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30})
    void everyStepIsDecidedExactlyOnceAndNeverBeforeItsDependencies(long seed) {
        Random random = new Random(seed);
        int size = 2 + random.nextInt(14);
        DataPipelineSpec spec = new DataPipelineSpec();
        spec.steps = new ArrayList<>();
        When[] whens = When.values();
        for (int i = 0; i < size; i++) {
            List<String> deps = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                if (random.nextInt(4) == 0) {
                    deps.add("s" + j);
                }
            }
            PipelineStep step = step("s" + i, deps.isEmpty() ? null : deps);
            step.when = random.nextInt(3) == 0 ? whens[random.nextInt(whens.length)].name() : null;
            spec.steps.add(step);
        }
        // Declared in any order: the rules may not depend on it.
        java.util.Collections.shuffle(spec.steps, random);
        spec.failurePolicy = random.nextBoolean() ? FailurePolicy.Continue : FailurePolicy.StopOnFailure;
        Set<String> failing = spec.steps.stream().map(s -> s.name).filter(s -> random.nextInt(4) == 0).collect(Collectors.toSet());

        spec.finallySteps = new ArrayList<>();
        for (int i = random.nextInt(3); i > 0; i--) {
            FinallyStep last = new FinallyStep();
            last.name = "f" + i;
            last.jobRef = "job";
            last.when = random.nextBoolean() ? null : FinallyWhen.values()[random.nextInt(FinallyWhen.values().length)];
            spec.finallySteps.add(last);
            if (random.nextInt(4) == 0) {
                failing.add(last.name);
            }
        }

        Simulation run = new Simulation(spec).runToEnd(failing::contains);

        assertThat(run.finallyStartedEarly).as("finally steps start once every other step ended").isEmpty();
        List<StepStatus> mainSteps = run.steps.stream().filter(s -> s.finallyStep == null).toList();
        RunPhase outcome = mainSteps.stream().anyMatch(s -> s.phase == StepPhase.Failed) ? RunPhase.Failed : RunPhase.Succeeded;
        for (FinallyStep last : spec.finallySteps) {
            boolean meant = last.when == null || last.when == FinallyWhen.Always || last.when.name().equals(outcome.name());
            assertThat(run.startOrder.contains(last.name)).as("finally %s (when %s) after %s", last.name, last.when, outcome)
                    .isEqualTo(meant);
            assertThat(run.status(last.name).finallyStep).isTrue();
        }

        if (spec.failurePolicy == FailurePolicy.StopOnFailure) {
            // The policy's rule: once a step failed, only the steps meant to handle failures start.
            Map<String, String> whenOf = spec.steps.stream().collect(Collectors.toMap(s -> s.name, s -> s.when == null ? "AllSucceeded" : s.when));
            assertThat(run.startedAfterAFailure).allSatisfy(s -> assertThat(StepConditions.handlesFailure(whenOf.get(s)))
                    .as("step %s (when %s) started after a failure under StopOnFailure", s, whenOf.get(s)).isTrue());
        }

        assertThat(run.startOrder).doesNotHaveDuplicates();
        assertThat(run.steps).hasSize(size + spec.finallySteps.size()).allSatisfy(s -> assertThat(s.phase.isFinished()).as(s.name).isTrue());
        assertThat(run.steps).filteredOn(s -> s.phase == StepPhase.Skipped).allSatisfy(s -> {
            assertThat(run.startOrder).doesNotContain(s.name);
            assertThat(s.reason).isIn("ConditionNotMet", "StopOnFailure");
        });
        boolean anyFailed = run.steps.stream().anyMatch(s -> s.phase == StepPhase.Failed);
        assertThat(run.plan.phase()).isEqualTo(anyFailed ? RunPhase.Failed : RunPhase.Succeeded);
    }

    static PipelineStep step(String name, List<String> dependsOn) {
        PipelineStep step = new PipelineStep();
        step.name = name;
        step.jobRef = "job";
        step.dependsOn = dependsOn;
        return step;
    }
}

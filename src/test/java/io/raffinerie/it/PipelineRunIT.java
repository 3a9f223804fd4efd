package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataPipelineSpec;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.FailurePolicy;
import io.raffinerie.api.v1alpha1.FinallyStep;
import io.raffinerie.api.v1alpha1.FinallyWhen;
import io.raffinerie.api.v1alpha1.Parameter;
import io.raffinerie.api.v1alpha1.PipelineStep;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.RunReason;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.api.v1alpha1.When;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Pipeline runs on a real API server, with the test playing the Job controller. */
@QuarkusTest
@ClusterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineRunIT {
    static final String NS = "pipelines";

    @Inject
    KubernetesClient client;

    JobControllerDouble controller;

    @BeforeAll
    void environmentAndJobs() {
        controller = new JobControllerDouble(client);
        Resources.readyEnvironment(client, NS);
        for (String name : List.of("extract", "clean", "enrich", "load", "page")) {
            DataJob job = Resources.bashJob(NS, name);
            job.getSpec().parameters = List.of(new Parameter("DAY", "today"));
            client.resource(job).serverSideApply();
        }
    }

    private static PipelineStep step(String name, String when, String... dependsOn) {
        return Resources.step(name, when, dependsOn);
    }

    private DataPipeline pipeline(String name, FailurePolicy policy, String timeout) {
        DataPipeline pipeline = new DataPipeline();
        pipeline.getMetadata().setName(name);
        pipeline.getMetadata().setNamespace(NS);
        pipeline.setSpec(new DataPipelineSpec());
        pipeline.getSpec().steps = new ArrayList<>(List.of(step("extract", null), step("clean", null, "extract"),
                step("enrich", null, "extract"), step("load", null, "clean", "enrich"), step("page", "AnyFailed", "load")));
        pipeline.getSpec().failurePolicy = policy;
        pipeline.getSpec().timeout = timeout;
        pipeline.getSpec().parameters = List.of(new Parameter("DAY", "today"));
        DataPipeline applied = client.resource(pipeline).serverSideApply();
        assertThat(Resources.awaitReady(client, applied).getStatus()).isEqualTo("True");
        return applied;
    }

    private DataRun run(String name, String pipeline, String retryOf) {
        DataRun run = Resources.run(NS, name, null, pipeline);
        run.getSpec().retryOf = retryOf;
        run.getSpec().parameters = Map.of("DAY", "2026-11-28");
        return client.resource(run).create();
    }

    private Job awaitJob(String name) {
        return controller.awaitJob(NS, name);
    }

    private void succeed(String job) {
        controller.runToSuccess(NS, job);
    }

    private void fail(String job) {
        controller.runToFailure(NS, job, 2);
    }

    private DataRun awaitRun(String name, Predicate<DataRun> condition) {
        return Resources.awaitRun(client, NS, name, condition);
    }

    private static StepStatus step(DataRun run, String name) {
        return run.getStatus().steps.stream().filter(s -> s.name.equals(name)).findFirst().orElseThrow();
    }

    @Test
    void fourStepPipelineRunsItsBranchesInParallelAndSucceeds() {
        pipeline("daily", FailurePolicy.StopOnFailure, null);
        run("daily-1", "daily", null);

        Job extract = awaitJob("daily-1-extract");
        assertThat(extract.getMetadata().getLabels()).containsEntry("raffinerie.io/step", "extract");
        assertThat(extract.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("DAY=2026-11-28"));
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("daily-1-clean").get()).as("clean waits").isNull();
        succeed("daily-1-extract");

        // Both branches exist before either ends: they run in parallel.
        Job clean = awaitJob("daily-1-clean");
        Job enrich = awaitJob("daily-1-enrich");
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("daily-1-load").get()).as("load waits").isNull();
        succeed(clean.getMetadata().getName());
        succeed(enrich.getMetadata().getName());
        succeed("daily-1-load");

        DataRun done = awaitRun("daily-1", r -> r.getStatus().phase == RunPhase.Succeeded);
        assertThat(done.getStatus().progress).as("page was not meant to run").isEqualTo("4/4");
        assertThat(done.getStatus().summary).isEqualTo("5 of 5 finished: 4 succeeded, 1 skipped");
        assertThat(done.getStatus().reason).isNull();
        assertThat(step(done, "page").phase).isEqualTo(StepPhase.Skipped);
        assertThat(step(done, "page").reason).isEqualTo("ConditionNotMet");
        assertThat(done.getStatus().specGeneration).isEqualTo(1L);
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("daily-1-page").get()).isNull();
        await().atMost(Resources.TIMEOUT).untilAsserted(() -> assertThat(client.v1().events().inNamespace(NS).list().getItems())
                .filteredOn(e -> "daily-1".equals(e.getInvolvedObject().getName())).extracting(Event::getReason)
                .contains("StepStarted", "StepSucceeded", "StepSkipped", "Succeeded"));
        await().atMost(Resources.TIMEOUT).untilAsserted(() -> assertThat(client.resources(DataPipeline.class).inNamespace(NS)
                .withName("daily").get().getStatus().lastRun.steps).isEqualTo("4/4"));
    }

    @Test
    void failedStepSkipsItsDownstreamWithReasonsAndRunsTheAnyFailedStep() {
        pipeline("fragile", FailurePolicy.StopOnFailure, null);
        run("fragile-1", "fragile", null);
        succeed("fragile-1-extract");
        fail("fragile-1-clean");
        succeed("fragile-1-enrich");

        DataRun partial = awaitRun("fragile-1", r -> step(r, "load").phase == StepPhase.Skipped);
        assertThat(step(partial, "load").message).isEqualTo("when AllSucceeded: step clean Failed, step enrich Succeeded");
        DataRun done = awaitRun("fragile-1", r -> r.getStatus().phase == RunPhase.Failed);
        assertThat(step(done, "page").phase).as("page handles failures of load only; load was skipped").isEqualTo(StepPhase.Skipped);
        assertThat(done.getStatus().message).startsWith("step clean failed");
    }

    @Test
    void underContinueTheIndependentBranchCompletesAfterAFailure() {
        DataPipeline pipeline = new DataPipeline();
        pipeline.getMetadata().setName("branches");
        pipeline.getMetadata().setNamespace(NS);
        pipeline.setSpec(new DataPipelineSpec());
        pipeline.getSpec().steps = List.of(step("extract", null), step("clean", null), step("load", null, "clean"));
        pipeline.getSpec().failurePolicy = FailurePolicy.Continue;
        pipeline.getSpec().parameters = List.of(new Parameter("DAY", "today"));
        assertThat(Resources.awaitReady(client, client.resource(pipeline).serverSideApply()).getStatus()).isEqualTo("True");
        run("branches-1", "branches", null);
        fail("branches-1-extract");
        succeed("branches-1-clean");
        succeed("branches-1-load");

        DataRun done = awaitRun("branches-1", r -> r.getStatus().phase == RunPhase.Failed);
        assertThat(step(done, "load").phase).as("the branch that does not depend on the failure went on")
                .isEqualTo(StepPhase.Succeeded);
        assertThat(done.getStatus().message).startsWith("step extract failed");
    }

    @Test
    void anyFailedStepRunsOnlyWhenSomethingFailed() {
        pipeline("paging", FailurePolicy.StopOnFailure, null);
        run("paging-1", "paging", null);
        succeed("paging-1-extract");
        succeed("paging-1-clean");
        succeed("paging-1-enrich");
        fail("paging-1-load");
        succeed("paging-1-page");

        DataRun done = awaitRun("paging-1", r -> r.getStatus().phase == RunPhase.Failed);
        assertThat(step(done, "page").phase).isEqualTo(StepPhase.Succeeded);
    }

    @Test
    void editingThePipelineMidRunDoesNotChangeTheRun() {
        DataPipeline pipeline = pipeline("frozen", FailurePolicy.StopOnFailure, null);
        run("frozen-1", "frozen", null);
        awaitJob("frozen-1-extract");

        DataPipeline edited = client.resource(pipeline).get();
        edited.getSpec().steps.remove(4);
        edited.getSpec().steps.remove(3);
        edited.getMetadata().setManagedFields(null);
        edited.getMetadata().setResourceVersion(null); // the pipeline's status moves with the run: apply, not update
        edited.setStatus(null);
        client.resource(edited).serverSideApply();

        succeed("frozen-1-extract");
        succeed("frozen-1-clean");
        succeed("frozen-1-enrich");
        succeed("frozen-1-load");
        DataRun done = awaitRun("frozen-1", r -> r.getStatus().phase == RunPhase.Succeeded);
        assertThat(done.getStatus().steps).hasSize(5);
        assertThat(done.getStatus().specGeneration).isEqualTo(1L);
    }

    @Test
    void cancelStopsTheRunningJobsAndCancelsTheRest() {
        pipeline("stoppable", FailurePolicy.StopOnFailure, null);
        run("stoppable-1", "stoppable", null);
        succeed("stoppable-1-extract");
        Job clean = awaitJob("stoppable-1-clean");
        controller.startAttempt(clean, 1);

        client.resources(DataRun.class).inNamespace(NS).withName("stoppable-1")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"cancel\":true}}");
        await().atMost(Resources.TIMEOUT).until(() -> Boolean.TRUE.equals(client.resource(clean).get().getSpec().getSuspend())
                && Boolean.TRUE.equals(client.batch().v1().jobs().inNamespace(NS).withName("stoppable-1-enrich").get().getSpec().getSuspend()));
        controller.acknowledgeSuspend(client.resource(clean).get());
        controller.acknowledgeSuspend(client.batch().v1().jobs().inNamespace(NS).withName("stoppable-1-enrich").get());

        DataRun done = awaitRun("stoppable-1", r -> r.getStatus().phase == RunPhase.Cancelled);
        assertThat(step(done, "load").phase).isEqualTo(StepPhase.Cancelled);
        assertThat(step(done, "clean").phase).isEqualTo(StepPhase.Cancelled);
        assertThat(done.getStatus().reason).isEqualTo(RunReason.Cancelled);
        assertThat(done.getStatus().progress).as("a cancelled run is not done").isEqualTo("1/5");
    }

    @Test
    void timeoutStopsTheRunningJobsAndFailsTheRun() {
        pipeline("hurried", FailurePolicy.StopOnFailure, "3s");
        run("hurried-1", "hurried", null);
        Job extract = awaitJob("hurried-1-extract");
        controller.startAttempt(extract, 1);

        await().atMost(Resources.TIMEOUT).until(() -> Boolean.TRUE.equals(client.resource(extract).get().getSpec().getSuspend()));
        controller.acknowledgeSuspend(client.resource(extract).get());
        DataRun done = awaitRun("hurried-1", r -> r.getStatus().phase == RunPhase.Failed);
        assertThat(done.getStatus().reason).isEqualTo(RunReason.DeadlineExceeded);
        assertThat(done.getStatus().message).isEqualTo("the pipeline ran longer than its timeout of 3s");
        assertThat(step(done, "load").reason).isEqualTo("PipelineTimeout");
    }

    @Test
    void aFinallyStepLearnsWhatFailedTwoLevelsUpAndARetryRunsItAgain() {
        DataPipeline pipeline = pipeline("closing", FailurePolicy.StopOnFailure, null);
        FinallyStep notify = new FinallyStep();
        notify.name = "notify";
        notify.jobRef = "page";
        notify.when = FinallyWhen.Failed;
        pipeline.getSpec().finallySteps = List.of(notify);
        pipeline.getMetadata().setManagedFields(null);
        pipeline.getMetadata().setResourceVersion(null);
        assertThat(Resources.awaitReady(client, client.resource(pipeline).serverSideApply()).getStatus()).isEqualTo("True");
        run("closing-1", "closing", null);
        fail("closing-1-extract");

        Job job = awaitJob("closing-1-notify");
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()).extracting(e -> e.getName() + "=" + e.getValue())
                .contains("RAFFINERIE_RUN_OUTCOME=Failed", "RAFFINERIE_FAILED_STEPS=extract", "DAY=2026-11-28");
        DataRun waiting = awaitRun("closing-1", r -> step(r, "notify").job != null);
        assertThat(waiting.getStatus().phase).as("the run waits for its finally step").isEqualTo(RunPhase.Running);
        assertThat(step(waiting, "page").phase).as("the AnyFailed step never sees the failure two levels up")
                .isEqualTo(StepPhase.Skipped);
        assertThat(step(waiting, "notify").finallyStep).isTrue();
        succeed("closing-1-notify");
        DataRun done = awaitRun("closing-1", r -> r.getStatus().phase == RunPhase.Failed);
        assertThat(step(done, "notify").phase).isEqualTo(StepPhase.Succeeded);
        assertThat(done.getStatus().message).startsWith("step extract failed");

        run("closing-2", "closing", "closing-1");
        succeed("closing-2-extract");
        succeed("closing-2-clean");
        succeed("closing-2-enrich");
        succeed("closing-2-load");
        DataRun retried = awaitRun("closing-2", r -> r.getStatus().phase == RunPhase.Succeeded);
        assertThat(step(retried, "notify").phase).as("a retry decides its finally steps again").isEqualTo(StepPhase.Skipped);
        assertThat(step(retried, "notify").reusedFrom).isNull();
    }

    @Test
    void retryOfRerunsOnlyTheFailedAndSkippedSteps() {
        pipeline("flaky", FailurePolicy.StopOnFailure, null);
        run("flaky-1", "flaky", null);
        succeed("flaky-1-extract");
        succeed("flaky-1-clean");
        fail("flaky-1-enrich");
        awaitRun("flaky-1", r -> r.getStatus().phase == RunPhase.Failed);

        run("flaky-2", "flaky", "flaky-1");
        Job enrich = awaitJob("flaky-2-enrich");
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("flaky-2-extract").get()).isNull();
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("flaky-2-clean").get()).isNull();
        succeed(enrich.getMetadata().getName());
        succeed("flaky-2-load");

        DataRun done = awaitRun("flaky-2", r -> r.getStatus().phase == RunPhase.Succeeded);
        assertThat(step(done, "extract").reusedFrom).isEqualTo("flaky-1");
        assertThat(step(done, "clean").reusedFrom).isEqualTo("flaky-1");
        assertThat(step(done, "enrich").reusedFrom).isNull();
    }

    @Test
    void missingJobIsReportedAndFixingItMakesThePipelineReady() {
        DataPipeline pipeline = new DataPipeline();
        pipeline.getMetadata().setName("incomplete");
        pipeline.getMetadata().setNamespace(NS);
        pipeline.setSpec(new DataPipelineSpec());
        pipeline.getSpec().steps = List.of(step("extract", null), step("publish", null, "extract"));
        DataPipeline applied = client.resource(pipeline).serverSideApply();
        var notReady = Resources.awaitReady(client, applied);
        assertThat(notReady.getReason()).isEqualTo("JobNotFound");
        assertThat(notReady.getMessage()).contains("step \"publish\" runs DataJob \"publish\"");

        DataJob publish = new DataJob();
        publish.getMetadata().setName("publish");
        publish.getMetadata().setNamespace(NS);
        publish.setSpec(new DataJobSpec());
        publish.getSpec().technology = "bash";
        publish.getSpec().script = "echo publish";
        client.resource(publish).serverSideApply();
        await().atMost(Resources.TIMEOUT).until(() -> "True".equals(client.resource(applied).get().getStatus().conditions.get(0)
                .getStatus()));
    }
}

package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.raffinerie.model.RunLabels;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.ConcurrencyPolicy;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataPipelineSpec;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.MissedRunsPolicy;
import io.raffinerie.api.v1alpha1.PipelineSchedule;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.Trigger;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.Schedule;
import io.raffinerie.model.job.CronJobs;
import io.fabric8.kubernetes.api.model.Condition;
import io.raffinerie.model.Conditions;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Schedules on a real API server: catch-up runs and the concurrency policy of pipelines, scheduled job runs. */
@QuarkusTest
@ClusterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduleIT {
    static final String NS = "schedules";

    @Inject
    KubernetesClient client;

    JobControllerDouble controller;

    @BeforeAll
    void environmentAndJob() {
        controller = new JobControllerDouble(client);
        Resources.readyEnvironment(client, NS);
        client.resource(Resources.bashJob(NS, "hourly-step")).serverSideApply();
    }

    private List<DataRun> runs(String pipeline) {
        return client.resources(DataRun.class).inNamespace(NS).withLabel("raffinerie.io/pipeline", pipeline).list().getItems()
                .stream().sorted(Comparator.comparing(r -> r.getMetadata().getName())).toList();
    }

    private List<DataRun> active(String pipeline) {
        return runs(pipeline).stream().filter(r -> r.getStatus() == null || r.getStatus().phase == null
                || !r.getStatus().phase.isFinished()).toList();
    }

    @Test
    void forbidWithCatchUpRunsTheMissedTimesOneAtATime() {
        DataPipeline pipeline = new DataPipeline();
        pipeline.getMetadata().setName("hourly");
        pipeline.getMetadata().setNamespace(NS);
        pipeline.setSpec(new DataPipelineSpec());
        pipeline.getSpec().steps = List.of(Resources.step("a", null));
        pipeline.getSpec().steps.get(0).jobRef = "hourly-step";
        pipeline.getSpec().schedule = new PipelineSchedule();
        pipeline.getSpec().schedule.cron = "0 * * * *";
        pipeline.getSpec().schedule.missedRuns = MissedRunsPolicy.All;
        pipeline.getSpec().schedule.concurrencyPolicy = ConcurrencyPolicy.Forbid;
        pipeline.getSpec().schedule.suspend = true;
        DataPipeline applied = client.resource(pipeline).serverSideApply();
        await().atMost(Resources.TIMEOUT).until(() -> {
            DataPipeline current = client.resource(applied).get();
            return current.getStatus() != null && current.getStatus().lastScheduleTime != null;
        });

        // As if the operator had been down for four hours: the last scheduled time it handled is that old.
        Instant lastHandled = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(4));
        client.resources(DataPipeline.class).inNamespace(NS).withName("hourly").editStatus(current -> {
            current.getStatus().lastScheduleTime = Conditions.timestamp(lastHandled);
            return current;
        });
        pipeline.getSpec().schedule.suspend = false;
        client.resource(pipeline).serverSideApply();

        // Four missed hours; each run starts only once the one before has ended.
        for (int i = 1; i <= 4; i++) {
            int started = i;
            await().atMost(Resources.TIMEOUT).until(() -> runs("hourly").size() >= started);
            await().during(Duration.ofSeconds(1)).atMost(Resources.TIMEOUT).until(() -> active("hourly").size() <= 1);
            assertThat(runs("hourly")).as("runs started after %d ended", i - 1).hasSize(i);
            DataRun run = active("hourly").get(0);
            controller.runToSuccess(NS, run.getMetadata().getName() + "-a");
            Resources.awaitRun(client, NS, run.getMetadata().getName(), r -> r.getStatus().phase == RunPhase.Succeeded);
        }
        // A test that runs across the hour sees that hour's run too, after the four catch-ups: it is due.
        List<String> expected = new java.util.ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        for (Instant due = lastHandled.plus(Duration.ofHours(1)); !due.isAfter(now); due = due.plus(Duration.ofHours(1))) {
            expected.add(due.toString());
        }
        await().atMost(Resources.TIMEOUT).untilAsserted(() -> assertThat(runs("hourly"))
                .extracting(r -> r.getMetadata().getAnnotations().get("raffinerie.io/scheduled-time"))
                .containsExactlyInAnyOrderElementsOf(expected).hasSizeBetween(4, 5));
        client.resource(applied).delete();
    }

    @Test
    void aScheduledRunWhoseJobIsNotCachedYetAsksTheApiServerInsteadOfFailing() {
        client.resource(Resources.bashJob(NS, "nightly")).serverSideApply();
        // A Job as a CronJob starts it, but without the label the run controller's informer selects: its cache never
        // has it, the longest possible cache lag.
        client.batch().v1().jobs().inNamespace(NS).resource(new JobBuilder().withNewMetadata().withName("nightly-29000000")
                .endMetadata().withNewSpec().withSuspend(true).withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("main").withImage("bash").endContainer().endSpec().endTemplate().endSpec().build())
                .create();
        DataRun run = Resources.run(NS, "nightly-29000000", "nightly", null);
        run.getMetadata().getLabels().put(RunLabels.TRIGGER, Trigger.Schedule.name());
        client.resource(run).create();

        DataRun observed = Resources.awaitRun(client, NS, "nightly-29000000", r -> !r.getStatus().steps.isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Resources.TIMEOUT).until(
                () -> client.resource(observed).get().getStatus().phase != RunPhase.Failed);
        DataRun current = client.resource(observed).get();
        assertThat(current.getStatus().steps.get(0).job).isEqualTo("nightly-29000000");
        assertThat(current.getStatus().steps.get(0).reason).isNotEqualTo("JobDeleted");
        assertThat(current.getStatus().trigger).isEqualTo(Trigger.Schedule);
    }

    @Test
    void anInvalidJobsCronJobIsSuspendedUntilTheJobIsFixed() {
        DataJob job = Resources.bashJob(NS, "nightly-load");
        job.getSpec().schedule = new Schedule();
        job.getSpec().schedule.cron = "0 2 * * *";
        DataJob applied = client.resource(job).serverSideApply();
        assertThat(Resources.awaitReady(client, applied).getStatus()).isEqualTo("True");
        String cronJob = CronJobs.name(applied);
        await().atMost(Resources.TIMEOUT).until(() -> client.batch().v1().cronjobs().inNamespace(NS).withName(cronJob).get() != null);

        job.getSpec().version = "0.1";
        Condition invalid = Resources.awaitReady(client, client.resource(job).serverSideApply());
        assertThat(invalid.getStatus()).isEqualTo("False");
        assertThat(invalid.getMessage()).endsWith("the CronJob " + cronJob + " is suspended until this is fixed");
        assertThat(client.batch().v1().cronjobs().inNamespace(NS).withName(cronJob).get().getSpec().getSuspend()).isTrue();

        job.getSpec().version = null;
        assertThat(Resources.awaitReady(client, client.resource(job).serverSideApply()).getStatus()).isEqualTo("True");
        await().atMost(Resources.TIMEOUT).until(
                () -> !Boolean.TRUE.equals(client.batch().v1().cronjobs().inNamespace(NS).withName(cronJob).get().getSpec().getSuspend()));
    }
}

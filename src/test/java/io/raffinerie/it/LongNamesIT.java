package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataPipelineSpec;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.PipelineStep;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.Schedule;
import io.raffinerie.api.v1alpha1.Status;
import io.raffinerie.api.v1alpha1.Trigger;
import io.raffinerie.model.LabelValues;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.job.CronJobs;
import io.raffinerie.model.RunLabels;
import io.raffinerie.model.run.JobRuns;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Names longer than a label value (63 characters), valid for objects, on a real API server: a long-named environment,
 * job and pipeline become Ready and their runs, manual and scheduled, run to Succeeded.
 */
@QuarkusTest
@ClusterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LongNamesIT {
    static final String NS = "long-names";
    static final String ENVIRONMENT = "the-long-named-data-environment-of-the-european-sales-organisation-for-revenue-reports";
    static final String JOB = "quarterly-revenue-report-for-the-european-sales-organisation-extract-orders-from-the-warehouses";
    static final String PIPELINE = "quarterly-revenue-report-for-the-european-sales-organisation-the-whole-pipeline-of-the-quarter";
    static final String STEP = "extract-the-orders-of-the-quarter-from-the-warehouses-of-europe";

    @Inject
    KubernetesClient client;

    JobControllerDouble controller;
    DataJob job;

    @BeforeAll
    void longNamedEnvironmentAndScheduledJob() {
        assertThat(ENVIRONMENT.length()).isGreaterThan(LabelValues.MAX_LENGTH);
        assertThat(JOB).hasSize(95);
        assertThat(PIPELINE.length()).isGreaterThan(LabelValues.MAX_LENGTH);
        assertThat(STEP).hasSize(63);
        controller = new JobControllerDouble(client);
        DataEnvironment environment = new DataEnvironment();
        environment.getMetadata().setName(ENVIRONMENT);
        environment.setSpec(new DataEnvironmentSpec());
        environment.getSpec().namespace = NS;
        DataEnvironment applied = client.resource(environment).serverSideApply();
        assertReady(applied);
        assertThat(client.namespaces().withName(NS).get().getMetadata().getLabels())
                .containsEntry(EnvironmentModel.ENVIRONMENT_LABEL, LabelValues.of(ENVIRONMENT));

        DataJob scheduled = Resources.bashJob(NS, JOB);
        scheduled.getSpec().schedule = new Schedule();
        scheduled.getSpec().schedule.cron = "*/5 * * * *";
        job = client.resource(scheduled).serverSideApply();
        assertReady(job);
    }

    private <R extends CustomResource<?, ? extends Status>> void assertReady(R resource) {
        Condition ready = Resources.awaitReady(client, resource);
        assertThat(ready.getStatus()).as(ready.getReason() + ": " + ready.getMessage()).isEqualTo("True");
    }

    @Test
    void aLongNamedJobRunsManuallyToSucceeded() {
        DataRun run = client.resource(Resources.run(NS, JOB + "-manual-1", JOB, null)).create();
        String jobName = JobRuns.jobName(run, null);

        Job created = controller.awaitJob(NS, jobName);
        assertThat(created.getMetadata().getLabels()).containsEntry(RunLabels.JOB, LabelValues.of(JOB))
                .containsEntry(RunLabels.RUN, LabelValues.of(run.getMetadata().getName()));
        assertThat(client.batch().v1().jobs().inNamespace(NS).withLabel(RunLabels.JOB, LabelValues.of(JOB)).list().getItems())
                .as("kubectl get jobs -l raffinerie.io/job=<label value>").extracting(j -> j.getMetadata().getName()).contains(jobName);
        controller.runToSuccess(NS, jobName);

        DataRun done = Resources.awaitRun(client, NS, run.getMetadata().getName(), r -> r.getStatus().phase == RunPhase.Succeeded);
        assertThat(done.getStatus().trigger).isEqualTo(Trigger.Manual);
        assertThat(done.getStatus().steps).singleElement().satisfies(step -> assertThat(step.job).isEqualTo(jobName));
        await().atMost(Resources.TIMEOUT).untilAsserted(() -> assertThat(client.resource(job).get().getStatus().lastRun)
                .isNotNull());
    }

    @Test
    void aLongNamedJobRunsOnItsScheduleToSucceeded() {
        CronJob cronJob = await().atMost(Resources.TIMEOUT).until(() -> client.batch().v1().cronjobs().inNamespace(NS)
                .withName(CronJobs.name(job)).get(), c -> c != null);
        assertThat(cronJob.getMetadata().getName()).hasSizeLessThanOrEqualTo(52);

        // What the CronJob controller does when the schedule fires: <cronjob>-<scheduled minutes>, template labels and
        // annotations, owned by the CronJob.
        String firedName = cronJob.getMetadata().getName() + "-29412345";
        client.resource(new JobBuilder().withNewMetadata().withName(firedName).withNamespace(NS)
                .withLabels(cronJob.getSpec().getJobTemplate().getMetadata().getLabels())
                .withAnnotations(cronJob.getSpec().getJobTemplate().getMetadata().getAnnotations())
                .addNewOwnerReference().withApiVersion("batch/v1").withKind("CronJob").withName(cronJob.getMetadata().getName())
                .withUid(cronJob.getMetadata().getUid()).withController(true).endOwnerReference()
                .endMetadata().withSpec(cronJob.getSpec().getJobTemplate().getSpec()).build()).create();

        DataRun recorded = Resources.awaitRun(client, NS, firedName, r -> r.getStatus().trigger != null);
        assertThat(recorded.getStatus().trigger).isEqualTo(Trigger.Schedule);
        assertThat(recorded.getSpec().jobRef).isEqualTo(JOB);
        assertThat(recorded.getMetadata().getLabels()).containsEntry(RunLabels.JOB, LabelValues.of(JOB));
        await().atMost(Resources.TIMEOUT).untilAsserted(() -> assertThat(client.batch().v1().jobs().inNamespace(NS)
                .withName(firedName).get().getMetadata().getOwnerReferences()).extracting(o -> o.getKind())
                .as("recorded once the run owns it").containsExactlyInAnyOrder("CronJob", "DataRun"));
        controller.runToSuccess(NS, firedName);

        DataRun done = Resources.awaitRun(client, NS, firedName, r -> r.getStatus().phase == RunPhase.Succeeded);
        assertThat(done.getStatus().steps).singleElement().satisfies(step -> assertThat(step.job).isEqualTo(firedName));
    }

    @Test
    void aLongNamedPipelineWithALongStepNameRunsToSucceeded() {
        DataPipeline pipeline = new DataPipeline();
        pipeline.getMetadata().setName(PIPELINE);
        pipeline.getMetadata().setNamespace(NS);
        pipeline.setSpec(new DataPipelineSpec());
        PipelineStep step = Resources.step(STEP, null);
        step.jobRef = JOB;
        pipeline.getSpec().steps = List.of(step);
        DataPipeline applied = client.resource(pipeline).serverSideApply();
        assertReady(applied);

        DataRun run = client.resource(Resources.run(NS, PIPELINE + "-1", null, PIPELINE)).create();
        String jobName = JobRuns.jobName(run, STEP);
        assertThat(jobName).hasSizeLessThanOrEqualTo(63);
        Job created = controller.awaitJob(NS, jobName);
        assertThat(created.getMetadata().getLabels()).containsEntry(RunLabels.STEP, LabelValues.of(STEP))
                .containsEntry(RunLabels.RUN, LabelValues.of(run.getMetadata().getName()));
        controller.runToSuccess(NS, jobName);

        DataRun done = Resources.awaitRun(client, NS, run.getMetadata().getName(), r -> r.getStatus().phase == RunPhase.Succeeded);
        assertThat(done.getStatus().progress).isEqualTo("1/1");
    }
}

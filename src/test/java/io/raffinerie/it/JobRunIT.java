package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunSpec;
import io.raffinerie.api.v1alpha1.History;
import io.raffinerie.api.v1alpha1.Parameter;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.RunReason;
import io.raffinerie.api.v1alpha1.Schedule;
import io.raffinerie.api.v1alpha1.SecretKeyRef;
import io.raffinerie.api.v1alpha1.SparkSpec;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.api.v1alpha1.Trigger;
import io.raffinerie.api.v1alpha1.Variable;
import io.raffinerie.model.job.CronJobs;
import io.raffinerie.model.RunLabels;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Job runs on a real API server, with the test playing the Job controller and the kubelet. */
@QuarkusTest
@ClusterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobRunIT {
    static final String NS = "runs";
    static final String SECRET_VALUE = "s3cr3t-warehouse-password";

    @Inject
    KubernetesClient client;

    JobControllerDouble controller;

    @BeforeAll
    void environmentWithASecretVariable() {
        controller = new JobControllerDouble(client);
        DataEnvironment environment = new DataEnvironment();
        environment.getMetadata().setName(NS);
        environment.setSpec(new DataEnvironmentSpec());
        environment.getSpec().variables = List.of(Variable.plain("WAREHOUSE_URL", "jdbc:postgresql://warehouse/sales"),
                Variable.secret("WAREHOUSE_PASSWORD", new SecretKeyRef("warehouse", "password")));
        client.resource(environment).serverSideApply();
        await().atMost(Resources.TIMEOUT).until(() -> client.namespaces().withName(NS).get() != null);
        client.resource(new SecretBuilder().withNewMetadata().withName("warehouse").withNamespace(NS).endMetadata()
                .addToStringData("password", SECRET_VALUE).build()).serverSideApply();
        assertThat(Resources.awaitReady(client, client.resource(environment).get()).getStatus()).isEqualTo("True");
    }

    private DataJob job(String name, String technology, DataJobSpec spec) {
        DataJob job = new DataJob();
        job.getMetadata().setName(name);
        job.getMetadata().setNamespace(NS);
        spec.technology = technology;
        job.setSpec(spec);
        DataJob applied = client.resource(job).serverSideApply();
        assertThat(Resources.awaitReady(client, applied).getStatus()).as("job ready").isEqualTo("True");
        return applied;
    }

    private static DataJobSpec python(String script) {
        DataJobSpec spec = new DataJobSpec();
        spec.script = script;
        return spec;
    }

    private DataRun run(String name, String job, Map<String, String> parameters) {
        DataRun run = Resources.run(NS, name, job, null);
        run.getSpec().parameters = parameters;
        return client.resource(run).create();
    }

    private Job awaitJob(String name) {
        return controller.awaitJob(NS, name);
    }

    private DataRun awaitRun(DataRun run, Predicate<DataRun> condition) {
        return await().atMost(Resources.TIMEOUT).until(() -> client.resource(run).get(), r -> r.getStatus() != null && condition.test(r));
    }

    @Test
    void pythonRunGoesPendingRunningSucceededWithEverythingOnItsStatus() {
        DataJobSpec spec = python("import os; print('orders for', os.environ['DAY'])");
        spec.parameters = List.of(new Parameter("DAY", "today"));
        DataJob job = job("extract", "python", spec);
        DataRun run = run("extract-1", "extract", Map.of("DAY", "2026-11-28"));

        Job created = awaitJob("extract-1");
        assertThat(awaitRun(run, r -> r.getStatus().phase == RunPhase.Pending).getStatus().steps).singleElement()
                .satisfies(step -> assertThat(step.job).isEqualTo("extract-1"));
        assertThat(created.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("DataRun");
            assertThat(o.getController()).isTrue();
        });
        var pod = created.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo("raffinerie-runner");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getContainers().get(0).getCommand()).containsExactly("python", "/opt/raffinerie/script/main.py");
        assertThat(pod.getContainers().get(0).getImage()).isEqualTo("python:3.12.8-slim-bookworm");
        List<EnvVar> env = pod.getContainers().get(0).getEnv();
        assertThat(env).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("DAY");
            assertThat(e.getValue()).isEqualTo("2026-11-28");
        });
        assertThat(env).anySatisfy(e -> {
            assertThat(e.getName()).isEqualTo("WAREHOUSE_PASSWORD");
            assertThat(e.getValue()).isNull();
            assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("warehouse");
        });
        assertThat(Serialization.asJson(created)).doesNotContain(SECRET_VALUE);

        Pod attempt = controller.startAttempt(created, 1);   // admitted by Pod Security "restricted"
        awaitRun(run, r -> r.getStatus().phase == RunPhase.Running);
        controller.succeed(client.resource(created).get(), attempt);

        DataRun done = awaitRun(run, r -> r.getStatus().phase == RunPhase.Succeeded);
        StepStatus step = done.getStatus().steps.get(0);
        assertThat(step.exitCode).isZero();
        assertThat(step.attempts).isEqualTo(1);
        assertThat(step.logTail).as("read once the step ended (its content is checked end to end, where a kubelet serves logs)")
                .isNotNull();
        assertThat(done.getStatus().specGeneration).isEqualTo(job.getMetadata().getGeneration());
        assertThat(done.getStatus().startTime).isNotNull();
        assertThat(done.getStatus().completionTime).isNotNull();
        assertThat(done.getStatus().trigger).isEqualTo(Trigger.Manual);
        assertThat(done.getStatus().progress).isEqualTo("1/1");
        await().atMost(Resources.TIMEOUT).untilAsserted(() -> assertThat(events("extract-1"))
                .extracting(Event::getReason).contains("Started", "Succeeded"));
        await().atMost(Resources.TIMEOUT).untilAsserted(() -> assertThat(client.resource(job).get().getStatus().lastRun)
                .satisfies(last -> {
                    assertThat(last.name).isEqualTo("extract-1");
                    assertThat(last.phase).isEqualTo(RunPhase.Succeeded);
                }));
    }

    private List<Event> events(String involved) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> involved.equals(e.getInvolvedObject().getName())).toList();
    }

    @Test
    void failingRunEndsFailedWithItsExitCodeAfterItsRetries() {
        DataJobSpec spec = python("raise SystemExit(3)");
        spec.retries = 2;
        job("fails", "python", spec);
        DataRun run = run("fails-1", "fails", null);
        Job created = awaitJob("fails-1");
        assertThat(created.getSpec().getBackoffLimit()).isEqualTo(2);

        controller.startAttempt(created, 1);
        controller.startAttempt(client.resource(created).get(), 2);
        Pod last = controller.startAttempt(client.resource(created).get(), 3);
        controller.fail(client.resource(created).get(), last, 3, 3, "BackoffLimitExceeded");

        DataRun failed = awaitRun(run, r -> r.getStatus().phase == RunPhase.Failed);
        StepStatus step = failed.getStatus().steps.get(0);
        assertThat(step.exitCode).isEqualTo(3);
        assertThat(step.attempts).isEqualTo(3);
        assertThat(step.reason).isEqualTo("BackoffLimitExceeded");
        assertThat(step.message).isEqualTo("exit code 3 after 3 attempts");
        assertThat(failed.getStatus().message).isEqualTo("exit code 3 after 3 attempts");
        assertThat(failed.getStatus().reason).isEqualTo(RunReason.StepFailed);
        assertThat(failed.getStatus().progress).as("a failed run is not 1/1").isEqualTo("0/1");
        await().atMost(Resources.TIMEOUT).untilAsserted(() -> assertThat(events("fails-1")).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo("Failed");
            assertThat(e.getType()).isEqualTo("Warning");
        }));
    }

    @Test
    void runPastItsTimeoutFailsWithDeadlineExceeded() {
        DataJobSpec spec = python("import time; time.sleep(3600)");
        spec.timeout = "90s";
        job("slow", "python", spec);
        DataRun run = run("slow-1", "slow", null);
        Job created = awaitJob("slow-1");
        assertThat(created.getSpec().getActiveDeadlineSeconds()).isEqualTo(90L);

        Pod attempt = controller.startAttempt(created, 1);
        controller.fail(client.resource(created).get(), attempt, 137, 1, "DeadlineExceeded");

        DataRun failed = awaitRun(run, r -> r.getStatus().phase == RunPhase.Failed);
        assertThat(failed.getStatus().message).isEqualTo("ran longer than its timeout of 1m30s");
        assertThat(failed.getStatus().reason).isEqualTo(RunReason.DeadlineExceeded);
    }

    @Test
    void cancelStopsTheJobAndMarksTheRunCancelled() {
        job("long", "python", python("import time; time.sleep(3600)"));
        DataRun run = run("long-1", "long", null);
        Job created = awaitJob("long-1");
        controller.startAttempt(created, 1);
        awaitRun(run, r -> r.getStatus().phase == RunPhase.Running);

        client.resources(DataRun.class).inNamespace(NS).withName("long-1")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"cancel\":true}}");
        await().atMost(Resources.TIMEOUT).until(() -> Boolean.TRUE.equals(client.resource(created).get().getSpec().getSuspend()));
        controller.acknowledgeSuspend(client.resource(created).get());

        DataRun cancelled = awaitRun(run, r -> r.getStatus().phase == RunPhase.Cancelled);
        assertThat(cancelled.getStatus().steps.get(0).reason).isEqualTo("Cancelled");
    }

    @Test
    void cancelledBeforeItStartsCreatesNoJob() {
        job("never", "python", python("print(1)"));
        DataRun run = new DataRun();
        run.getMetadata().setName("never-1");
        run.getMetadata().setNamespace(NS);
        run.setSpec(new DataRunSpec());
        run.getSpec().jobRef = "never";
        run.getSpec().cancel = true;
        client.resource(run).create();

        awaitRun(run, r -> r.getStatus().phase == RunPhase.Cancelled);
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("never-1").get()).isNull();
    }

    @Test
    void scheduleBecomesACronJobWhoseJobsAreRecordedAsScheduledRunsOnce() {
        DataJobSpec spec = python("print('nightly')");
        spec.schedule = new Schedule();
        spec.schedule.cron = "*/5 * * * *";
        spec.schedule.timeZone = "Europe/Paris";
        DataJob job = job("nightly", "python", spec);
        CronJob cronJob = await().atMost(Resources.TIMEOUT).until(() -> client.batch().v1().cronjobs().inNamespace(NS)
                .withName(CronJobs.name(job)).get(), c -> c != null);
        assertThat(cronJob.getSpec().getTimeZone()).isEqualTo("Europe/Paris");
        assertThat(client.resource(job).get().getStatus().nextScheduleTime).isNotNull();

        // What the CronJob controller does when the schedule fires.
        Job fired = client.resource(new JobBuilder().withNewMetadata().withName("nightly-29412345").withNamespace(NS)
                .withLabels(cronJob.getSpec().getJobTemplate().getMetadata().getLabels())
                .addNewOwnerReference().withApiVersion("batch/v1").withKind("CronJob").withName(cronJob.getMetadata().getName())
                .withUid(cronJob.getMetadata().getUid()).withController(true).endOwnerReference()
                .endMetadata().withSpec(cronJob.getSpec().getJobTemplate().getSpec()).build()).create();

        DataRun recorded = await().atMost(Resources.TIMEOUT).until(() -> client.resources(DataRun.class).inNamespace(NS)
                .withName("nightly-29412345").get(), r -> r != null && r.getStatus() != null && r.getStatus().trigger != null);
        assertThat(recorded.getStatus().trigger).isEqualTo(Trigger.Schedule);
        assertThat(recorded.getSpec().jobRef).isEqualTo("nightly");
        await().atMost(Resources.TIMEOUT).untilAsserted(() -> assertThat(client.resource(fired).get().getMetadata()
                .getOwnerReferences()).extracting(o -> o.getKind()).containsExactlyInAnyOrder("CronJob", "DataRun"));
        assertThat(client.resources(DataRun.class).inNamespace(NS).withLabel(RunLabels.JOB, "nightly").list().getItems()).hasSize(1);
    }

    @Test
    void finishedRunsBeyondTheHistoryLimitsAreDeletedOldestFirst() {
        DataJobSpec spec = python("print(1)");
        spec.history = new History();
        spec.history.succeeded = 2;
        spec.history.failed = 1;
        job("kept", "python", spec);
        for (int i = 1; i <= 4; i++) {
            DataRun run = run("kept-" + i, "kept", null);
            Job created = awaitJob("kept-" + i);
            Pod attempt = controller.startAttempt(created, 1);
            if (i == 4) {
                controller.fail(client.resource(created).get(), attempt, 1, 1, "BackoffLimitExceeded");
            } else {
                controller.succeed(client.resource(created).get(), attempt);
            }
            awaitRun(run, r -> r.getStatus().phase.isFinished());
        }
        await().atMost(Resources.TIMEOUT).untilAsserted(() -> assertThat(client.resources(DataRun.class).inNamespace(NS).list()
                .getItems()).extracting(r -> r.getMetadata().getName()).filteredOn(n -> n.startsWith("kept-"))
                .containsExactlyInAnyOrder("kept-2", "kept-3", "kept-4"));
    }

    @Test
    void sparkJobRunsSparkSubmitInClusterModeAsTheSparkIdentity() {
        DataJobSpec spec = new DataJobSpec();
        spec.spark = new SparkSpec();
        spec.spark.mainClass = "org.apache.spark.examples.SparkPi";
        spec.spark.mainApplicationFile = "local:///opt/spark/examples/jars/spark-examples.jar";
        spec.spark.executor = new SparkSpec.SparkExecutor();
        spec.spark.executor.instances = 3;
        spec.spark.sparkConf = Map.of("spark.eventLog.enabled", "false");
        job("pi", "spark", spec);
        run("pi-1", "pi", null);

        var pod = awaitJob("pi-1").getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo("raffinerie-spark");
        assertThat(pod.getAutomountServiceAccountToken()).isTrue();
        assertThat(pod.getContainers().get(0).getCommand()).containsExactly("/opt/spark/bin/spark-submit");
        assertThat(pod.getContainers().get(0).getArgs()).containsSubsequence("--master", "k8s://https://kubernetes.default.svc:443",
                "--deploy-mode", "cluster").contains("spark.executor.instances=3", "spark.eventLog.enabled=false",
                "spark.kubernetes.authenticate.driver.serviceAccountName=raffinerie-spark",
                "local:///opt/spark/examples/jars/spark-examples.jar");
    }

    @Test
    void secretValueAppearsNowhere() {
        pythonRunGoesPendingRunningSucceededWithEverythingOnItsStatusIfNotYet();
        String everything = Serialization.asJson(client.resources(DataRun.class).inNamespace(NS).list())
                + Serialization.asJson(client.v1().events().inNamespace(NS).list())
                + Serialization.asJson(client.configMaps().inNamespace(NS).list())
                + Serialization.asJson(client.batch().v1().jobs().inNamespace(NS).list())
                + Serialization.asJson(client.resources(DataJob.class).inNamespace(NS).list());
        assertThat(everything).doesNotContain(SECRET_VALUE);
    }

    private void pythonRunGoesPendingRunningSucceededWithEverythingOnItsStatusIfNotYet() {
        if (client.resources(DataRun.class).inNamespace(NS).withName("extract-1").get() == null) {
            pythonRunGoesPendingRunningSucceededWithEverythingOnItsStatus();
        }
    }
}

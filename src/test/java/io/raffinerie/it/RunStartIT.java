package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.Alert;
import io.raffinerie.api.v1alpha1.AlertEvent;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataPipelineSpec;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.Parameter;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.SecretKeyRef;
import io.raffinerie.api.v1alpha1.Webhook;
import io.raffinerie.api.v1alpha1.WebhookFormat;
import io.raffinerie.model.Conditions;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A run that cannot start waits out its grace (3 s in the test profile), then ends Failed with its reason, and its
 * job's alerts fire; what it names may still appear within the grace, as GitOps tools apply in any order.
 */
@QuarkusTest
@ClusterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunStartIT {
    static final String NS = "starts";

    @Inject
    KubernetesClient client;

    JobControllerDouble controller;
    HttpServer server;
    final List<String> deliveries = new CopyOnWriteArrayList<>();

    @BeforeAll
    void environmentAndWebhook() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            deliveries.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        controller = new JobControllerDouble(client);
        Resources.readyEnvironment(client, NS);
        client.resource(new SecretBuilder().withNewMetadata().withName("hook").withNamespace(NS).endMetadata()
                .addToStringData("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook").build()).serverSideApply();
    }

    @AfterAll
    void stopServer() {
        server.stop(0);
    }

    private static Alert onFailure() {
        Alert alert = new Alert();
        alert.events = List.of(AlertEvent.Failed);
        alert.webhook = new Webhook();
        alert.webhook.urlSecretRef = new SecretKeyRef("hook", "url");
        alert.webhook.format = WebhookFormat.generic;
        return alert;
    }

    private DataJob apply(DataJob job) {
        job.getSpec().alerts = List.of(onFailure());
        return client.resource(job).serverSideApply();
    }

    private DataRun run(String name, String job, String pipeline, Map<String, String> parameters) {
        DataRun run = Resources.run(NS, name, job, pipeline);
        run.getSpec().parameters = parameters;
        return client.resource(run).create();
    }

    /** The run ends Failed, Ready=False with the reason, and says why it could not start. */
    private DataRun awaitFailedToStart(String name, String reason, String message) {
        DataRun failed = Resources.awaitRun(client, NS, name, r -> r.getStatus().phase == RunPhase.Failed);
        Condition ready = Conditions.find(failed.getStatus().conditions, Conditions.READY).orElseThrow();
        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo(reason);
        assertThat(failed.getStatus().message).startsWith("could not start: ").contains(message);
        assertThat(failed.getStatus().reason).hasToString(reason);
        assertThat(failed.getStatus().completionTime).isNotNull();
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName(name).get()).as("no Job").isNull();
        return failed;
    }

    private void awaitAlertFor(String run) {
        await().atMost(Resources.TIMEOUT).until(() -> deliveries.stream().anyMatch(body -> body.contains("\"" + run + "\"")));
    }

    @Test
    void aRunOfAJobWithAnUnknownTechnologyFailsWithItsReasonAndAlerts() {
        DataJob job = Resources.bashJob(NS, "misspelled");
        job.getSpec().technology = "pyhton";
        job.getSpec().script = null;
        job.getSpec().command = List.of("python", "-c", "print(1)");
        apply(job);
        run("misspelled-1", "misspelled", null, null);

        DataRun waiting = Resources.awaitRun(client, NS, "misspelled-1", r -> r.getStatus().message != null);
        assertThat(waiting.getStatus().phase).isEqualTo(RunPhase.Pending);
        assertThat(waiting.getStatus().message).startsWith("cannot start yet: ").contains("unless this is fixed");
        awaitFailedToStart("misspelled-1", "UnknownTechnology", "DataJob misspelled is not valid: spec.technology: \"pyhton\"");
        awaitAlertFor("misspelled-1");
    }

    @Test
    void aRunOfAMissingJobFailsWithJobNotFound() {
        run("nowhere-1", "nowhere", null, null);
        awaitFailedToStart("nowhere-1", "JobNotFound", "DataJob \"nowhere\" does not exist");
        // Nothing starts when the job appears later: the run already failed.
        client.resource(Resources.bashJob(NS, "nowhere")).serverSideApply();
        await().during(java.time.Duration.ofSeconds(2)).atMost(Resources.TIMEOUT).until(
                () -> client.batch().v1().jobs().inNamespace(NS).withName("nowhere-1").get() == null);
        assertThat(client.resources(DataRun.class).inNamespace(NS).withName("nowhere-1").get().getStatus().phase)
                .isEqualTo(RunPhase.Failed);
    }

    @Test
    void aRunWithAnUndeclaredParameterFailsWithUnknownParameterAndAlerts() {
        DataJob job = Resources.bashJob(NS, "daily");
        job.getSpec().parameters = List.of(new Parameter("DAY", "today"));
        apply(job);
        run("daily-1", "daily", null, Map.of("DYA", "2026-11-28"));
        awaitFailedToStart("daily-1", "UnknownParameter", "declares no parameter DYA");
        awaitAlertFor("daily-1");
    }

    @Test
    void aRunAppliedBeforeItsJobStartsWhenTheJobAppearsWithinTheGrace() {
        run("late-1", "late", null, null);
        client.resource(Resources.bashJob(NS, "late")).serverSideApply();
        controller.runToSuccess(NS, "late-1");
        assertThat(Resources.awaitRun(client, NS, "late-1", r -> r.getStatus().phase == RunPhase.Succeeded).getStatus().message)
                .isNull();
    }

    @Test
    void aPipelineWithAnInvalidJobIsNotReadyAndItsRunsFailBeforeAnyStepStarts() {
        client.resource(Resources.bashJob(NS, "fetch")).serverSideApply();
        DataJob broken = Resources.bashJob(NS, "score");
        broken.getSpec().version = "0.1";
        client.resource(broken).serverSideApply();
        DataPipeline pipeline = new DataPipeline();
        pipeline.getMetadata().setName("scoring");
        pipeline.getMetadata().setNamespace(NS);
        pipeline.setSpec(new DataPipelineSpec());
        pipeline.getSpec().steps = List.of(Resources.step("fetch", null), Resources.step("score", null, "fetch"));
        pipeline.getSpec().steps.get(1).jobRef = "score";
        pipeline.getSpec().alerts = List.of(onFailure());
        DataPipeline applied = client.resource(pipeline).serverSideApply();

        // The first verdict may come before the operator has seen both jobs: wait for the one about the technology.
        Condition notReady = await().atMost(Resources.TIMEOUT).until(() -> Resources.awaitReady(client, applied),
                c -> "UnknownTechnology".equals(c.getReason()));
        assertThat(notReady.getStatus()).isEqualTo("False");
        assertThat(notReady.getMessage()).startsWith("step score: DataJob score is not valid: spec.version: \"0.1\"");

        run("scoring-1", null, "scoring", null);
        DataRun failed = awaitFailedToStart("scoring-1", "UnknownTechnology", "step score: DataJob score is not valid");
        assertThat(failed.getStatus().steps).isEmpty();
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("scoring-1-fetch").get()).isNull();
        awaitAlertFor("scoring-1");
    }
}

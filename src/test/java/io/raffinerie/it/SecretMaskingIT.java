package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.Alert;
import io.raffinerie.api.v1alpha1.AlertDeliveryState;
import io.raffinerie.api.v1alpha1.AlertEvent;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.SecretKeyRef;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.api.v1alpha1.Variable;
import io.raffinerie.api.v1alpha1.Webhook;
import io.raffinerie.operator.run.StepLogReader;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A run masks its log tail with the Secrets its pod was given, whatever happens to its DataJob or Secrets during the
 * run. No kubelet serves logs here: the pods' logs are played by a program that prints the Secret it was given.
 */
@QuarkusTest
@ClusterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecretMaskingIT {
    static final String NS = "masking";
    static final String VALUE = "pr1nted-db-pa55word-91c2";

    @Inject
    KubernetesClient client;

    JobControllerDouble controller;
    HttpServer server;
    final List<String> payloads = new CopyOnWriteArrayList<>();

    @BeforeAll
    void environmentSecretWebhookAndAProgramThatPrintsItsSecret() throws IOException {
        controller = new JobControllerDouble(client);
        Resources.readyEnvironment(client, NS);
        secret("db", "password", VALUE);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            payloads.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        secret("hook", "url", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        QuarkusMock.installMockForType(new StepLogReader(client) {
            @Override
            protected PodLogs logs() {
                PodLogs real = super.logs();
                return (namespace, pod, container) -> NS.equals(namespace)
                        ? new ByteArrayInputStream(("connecting as app with password " + VALUE + "\nfailed\n").getBytes(StandardCharsets.UTF_8))
                        : real.read(namespace, pod, container);
            }
        }, StepLogReader.class);
    }

    @AfterAll
    void stopServer() {
        server.stop(0);
    }

    private void secret(String name, String key, String value) {
        client.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .addToStringData(key, value).build()).serverSideApply();
    }

    /** A job whose own env gives it the Secret, alerting a webhook when it fails. */
    private DataJob printer(String name) {
        DataJob job = Resources.bashJob(NS, name);
        job.getSpec().env = List.of(Variable.secret("DB_PASSWORD", new SecretKeyRef("db", "password")));
        Alert alert = new Alert();
        alert.events = List.of(AlertEvent.Failed);
        alert.webhook = new Webhook();
        alert.webhook.urlSecretRef = new SecretKeyRef("hook", "url");
        job.getSpec().alerts = List.of(alert);
        DataJob applied = client.resource(job).serverSideApply();
        assertThat(Resources.awaitReady(client, applied).getStatus()).isEqualTo("True");
        return applied;
    }

    /** Starts a run of the job; {@code midRun} happens while its pod runs; then the pod fails. */
    private DataRun runChangingMidRun(String job, String run, Runnable midRun) {
        client.resource(Resources.run(NS, run, job, null)).create();
        Job created = controller.awaitJob(NS, run);
        Pod pod = controller.startAttempt(created, 1);
        Resources.awaitRun(client, NS, run, r -> r.getStatus().phase == RunPhase.Running);
        midRun.run();
        controller.fail(client.resource(created).get(), pod, 1, 1, "BackoffLimitExceeded");
        return Resources.awaitRun(client, NS, run, r -> r.getStatus().steps.size() == 1 && r.getStatus().steps.get(0).logTail != null);
    }

    private void editedWithoutTheSecret(String job) {
        DataJob edited = client.resources(DataJob.class).inNamespace(NS).withName(job).get();
        edited.getSpec().env = null;
        edited.getSpec().script = "echo nothing to see";
        edited.getMetadata().setManagedFields(null);
        edited.getMetadata().setResourceVersion(null);
        client.resource(edited).serverSideApply();
        await().atMost(Resources.TIMEOUT).until(() -> client.resources(DataJob.class).inNamespace(NS).withName(job).get()
                .getSpec().env == null);
    }

    @Test
    void aJobEditedMidRunStillHasItsSecretMaskedInTheTailEventsAndWebhook() {
        printer("edited");
        DataRun done = runChangingMidRun("edited", "edited-1", () -> editedWithoutTheSecret("edited"));
        StepStatus step = done.getStatus().steps.get(0);
        assertThat(step.logTail).isEqualTo("connecting as app with password ****\nfailed\n");
        DataRun alerted = Resources.awaitRun(client, NS, "edited-1", r -> r.getStatus().alerts != null
                && r.getStatus().alerts.stream().anyMatch(a -> a.state == AlertDeliveryState.Sent));
        assertThat(payloads).as("the webhook received the failed step's tail").anyMatch(p -> p.contains("password ****"));
        assertThat(everything() + String.join("\n", payloads) + Serialization.asJson(alerted)).doesNotContain(VALUE);
    }

    @Test
    void aJobEditedThenDeletedMidRunStillHasItsSecretMasked() {
        printer("deleted");
        DataRun done = runChangingMidRun("deleted", "deleted-1", () -> {
            editedWithoutTheSecret("deleted");
            client.resources(DataJob.class).inNamespace(NS).withName("deleted").delete();
            await().atMost(Resources.TIMEOUT).until(() -> client.resources(DataJob.class).inNamespace(NS).withName("deleted").get() == null);
        });
        assertThat(done.getStatus().steps.get(0).logTail).isEqualTo("connecting as app with password ****\nfailed\n");
        assertThat(everything()).doesNotContain(VALUE);
    }

    @Test
    void aSecretDeletedMidRunWithholdsTheTail() {
        secret("short-lived", "password", VALUE);
        DataJob job = printer("orphaned");
        job.getSpec().env = List.of(Variable.secret("DB_PASSWORD", new SecretKeyRef("short-lived", "password")));
        job.getMetadata().setManagedFields(null);
        job.getMetadata().setResourceVersion(null);
        client.resource(job).serverSideApply();
        await().atMost(Resources.TIMEOUT).until(() -> "short-lived".equals(client.resource(job).get().getSpec().env.get(0).secretKeyRef.name));
        DataRun done = runChangingMidRun("orphaned", "orphaned-1",
                () -> client.secrets().inNamespace(NS).withName("short-lived").delete());
        assertThat(done.getStatus().steps.get(0).logTail).isEqualTo(
                "(log tail withheld: the step ran with Secret short-lived, which no longer exists, so its values cannot be masked)");
        assertThat(everything()).doesNotContain(VALUE);
    }

    /** Everything the operator writes in the namespace. */
    private String everything() {
        return Serialization.asJson(client.resources(DataRun.class).inNamespace(NS).list())
                + Serialization.asJson(client.v1().events().inNamespace(NS).list())
                + Serialization.asJson(client.configMaps().inNamespace(NS).list())
                + Serialization.asJson(client.resources(DataJob.class).inNamespace(NS).list());
    }
}

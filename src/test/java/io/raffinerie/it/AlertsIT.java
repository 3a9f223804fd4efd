package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.Alert;
import io.raffinerie.api.v1alpha1.AlertDeliveryState;
import io.raffinerie.api.v1alpha1.AlertDeliveryStatus;
import io.raffinerie.api.v1alpha1.AlertEvent;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataPipelineSpec;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.PipelineStep;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.SecretKeyRef;
import io.raffinerie.api.v1alpha1.Webhook;
import io.raffinerie.api.v1alpha1.WebhookFormat;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Alert webhooks of job and pipeline runs, delivered to a real HTTP server in the test JVM, counted one by one.
 * The short backoffs come from the test profile (application.properties).
 */
@QuarkusTest
@ClusterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertsIT {
    static final String NS = "alerts";
    /** In every webhook URL: it must show up nowhere but in the Secrets. */
    static final String TOKEN = "T0KEN-b7e1c9d4";
    /** What an internal service would answer a webhook: it must show up nowhere. */
    static final String ANSWER = "{\"kind\":\"SecretList\",\"items\":[\"internal-data-5f3a\"]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    KubernetesClient client;

    JobControllerDouble controller;
    HttpServer server;
    /** Every request the webhook server received, answered or not: path and body. */
    final List<Delivery> requests = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> flaky = new ConcurrentHashMap<>();
    final List<String> logs = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        private final Formatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            logs.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    record Delivery(String path, int status, JsonNode body) {
        String kind() {
            return path.split("/")[1];
        }
    }

    @BeforeAll
    void webhookServerEnvironmentAndSecrets() throws IOException {
        java.util.logging.Logger.getLogger("").addHandler(capture);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "webhook-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::answer);
        server.start();
        controller = new JobControllerDouble(client);
        Resources.readyEnvironment(client, NS);
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        secret("hook-ok", base + "/ok/" + TOKEN + "?token=" + TOKEN);
        secret("hook-flaky", base + "/flaky/" + TOKEN);
        secret("hook-slack", base + "/slack/" + TOKEN);
        secret("hook-hang", base + "/hang/" + TOKEN);
        try (ServerSocket closed = new ServerSocket(0)) {
            secret("hook-refused", "http://127.0.0.1:" + closed.getLocalPort() + "/refused/" + TOKEN);
        }
    }

    @AfterAll
    void stopServer() {
        java.util.logging.Logger.getLogger("").removeHandler(capture);
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = 200;
        if (path.startsWith("/flaky/") && flaky.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet() <= 2) {
            status = 500;
        }
        if (path.startsWith("/hang/")) {
            requests.add(new Delivery(path, 0, JSON.readTree(body)));
            try {
                Thread.sleep(5_000); // four times the test profile's request timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        if (path.startsWith("/reads/")) {
            requests.add(new Delivery(path, 403, JSON.readTree(body)));
            byte[] answer = ANSWER.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(403, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
            return;
        }
        requests.add(new Delivery(path, status, JSON.readTree(body)));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private void secret(String name, String url) {
        client.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
                .addToStringData("url", url).build()).serverSideApply();
    }

    private static Alert alert(String secret, WebhookFormat format, AlertEvent... on) {
        Alert alert = new Alert();
        alert.events = List.of(on);
        alert.webhook = new Webhook();
        alert.webhook.urlSecretRef = new SecretKeyRef(secret, "url");
        alert.webhook.format = format;
        return alert;
    }

    private void job(String name, Alert... alerts) {
        DataJob job = Resources.bashJob(NS, name);
        job.getSpec().alerts = List.of(alerts);
        assertThat(Resources.awaitReady(client, client.resource(job).serverSideApply()).getStatus()).isEqualTo("True");
    }

    private DataRun run(String name, String job, String pipeline) {
        return client.resource(Resources.run(NS, name, job, pipeline)).create();
    }

    private DataRun awaitRun(String name, Predicate<DataRun> condition) {
        return Resources.awaitRun(client, NS, name, condition);
    }

    /**
     * Runs a job to its end, succeeding, or failing for {@code failure}, and waits for its {@code alerts} to settle
     * and for any extra delivery to have had time to arrive.
     */
    private DataRun runToTheEnd(String job, String name, String failure, int alerts) {
        run(name, job, null);
        Pod pod = start(name);
        Job current = client.batch().v1().jobs().inNamespace(NS).withName(name).get();
        if (failure == null) {
            controller.succeed(current, pod);
        } else {
            controller.fail(current, pod, "DeadlineExceeded".equals(failure) ? 137 : 2, 1, failure);
        }
        DataRun done = awaitRun(name, r -> alertsSettled(r, alerts));
        quietPeriod();
        return done;
    }

    private static boolean alertsSettled(DataRun run, int count) {
        List<AlertDeliveryStatus> alerts = run.getStatus().alerts;
        return alerts != null && alerts.size() == count && alerts.stream().noneMatch(a -> a.state == AlertDeliveryState.Pending);
    }

    /** The events that reached the webhook at {@code kind} for a run, in arrival order (answered 2xx only). */
    private List<String> delivered(String kind, String run) {
        return requests.stream().filter(d -> d.kind().equals(kind) && d.status() == 200 && run.equals(d.body().path("run").asText()))
                .map(d -> d.body().path("event").asText()).toList();
    }

    private Pod start(String jobName) {
        Job job = controller.awaitJob(NS, jobName);
        return controller.startAttempt(job, 1);
    }

    private List<Event> events(String involved, String reason) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> involved.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason())).toList();
    }

    /** Long enough for a second delivery, had one been started, to arrive (the test backoffs are 100 ms). */
    private static void quietPeriod() {
        await().pollDelay(Duration.ofMillis(1500)).until(() -> true);
    }

    @Test
    @Order(1)
    void failedRunFiresStartedAndFailedOnceAndTheNextSuccessRecovered() {
        job("orders", alert("hook-ok", null, AlertEvent.Started, AlertEvent.Failed, AlertEvent.Recovered));
        run("orders-1", "orders", null);
        Pod pod = start("orders-1");
        await().atMost(Resources.TIMEOUT).until(() -> delivered("ok", "orders-1").contains("Started"));
        controller.fail(client.batch().v1().jobs().inNamespace(NS).withName("orders-1").get(), pod, 1, 1, "BackoffLimitExceeded");
        DataRun failed = awaitRun("orders-1", r -> alertsSettled(r, 2));

        run("orders-2", "orders", null);
        Pod second = start("orders-2");
        controller.succeed(client.batch().v1().jobs().inNamespace(NS).withName("orders-2").get(), second);
        DataRun recovered = awaitRun("orders-2", r -> alertsSettled(r, 2));
        quietPeriod();

        assertThat(delivered("ok", "orders-1")).containsExactly("Started", "Failed");
        assertThat(delivered("ok", "orders-2")).containsExactly("Started", "Recovered");
        for (DataRun run : List.of(failed, recovered)) {
            assertThat(run.getStatus().alerts).allSatisfy(a -> {
                assertThat(a.state).isEqualTo(AlertDeliveryState.Sent);
                assertThat(a.attempts).isEqualTo(1);
                assertThat(a.alert).isZero();
                assertThat(a.sentTime).isNotNull();
            });
        }
        JsonNode failure = requests.stream().filter(d -> "Failed".equals(d.body().path("event").asText())).findFirst().orElseThrow().body();
        assertThat(failure.path("kind").asText()).isEqualTo("DataJob");
        assertThat(failure.path("name").asText()).isEqualTo("orders");
        assertThat(failure.path("environment").asText()).isEqualTo(NS);
        assertThat(failure.path("phase").asText()).isEqualTo("Failed");
        assertThat(failure.path("failedStep").path("name").asText()).isEqualTo("orders");
        assertThat(failure.path("message").asText()).startsWith("DataJob orders failed");
    }

    @Test
    @Order(2)
    void afterARestartWhatTheStatusRecordsAsSentIsNotSentAgainAndWhatWasPendingIsSentOnce() {
        DataRun failed = awaitRun("orders-1", r -> alertsSettled(r, 2));
        // What an operator that died mid-delivery leaves: Started still Pending, Failed Sent, nothing in memory
        // for Started (it was never dispatched by this operator under that state).
        client.resource(failed).editStatus(r -> {
            r.getStatus().alerts.stream().filter(a -> a.event == AlertEvent.Started).forEach(a -> {
                a.state = AlertDeliveryState.Pending;
                a.sentTime = null;
            });
            return r;
        });
        // A spec change reconciles the finished run again, as the new operator's first reconciliation would.
        client.resources(DataRun.class).inNamespace(NS).withName("orders-1")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"cancel\":true}}");
        DataRun again = awaitRun("orders-1", r -> alertsSettled(r, 2));
        quietPeriod();

        assertThat(delivered("ok", "orders-1")).containsExactly("Started", "Failed", "Started");
        assertThat(again.getStatus().alerts).allSatisfy(a -> assertThat(a.state).isEqualTo(AlertDeliveryState.Sent));
        assertThat(again.getStatus().alerts.stream().filter(a -> a.event == AlertEvent.Failed).findFirst().orElseThrow().sentTime)
                .isEqualTo(failed.getStatus().alerts.stream().filter(a -> a.event == AlertEvent.Failed).findFirst().orElseThrow().sentTime);
    }

    @Test
    @Order(3)
    void aTimeoutFiresTimedOutAloneOnAnAlertThatListsFailedToo() {
        job("slow", alert("hook-ok", null, AlertEvent.Failed, AlertEvent.TimedOut));
        DataRun done = runToTheEnd("slow", "slow-1", "DeadlineExceeded", 1);
        assertThat(delivered("ok", "slow-1")).containsExactly("TimedOut");
        assertThat(done.getStatus().alerts.get(0).event).isEqualTo(AlertEvent.TimedOut);
    }

    @Test
    @Order(4)
    void aWebhookAnswering500TwiceIsRetriedAndSentOnTheThirdAttempt() {
        job("flaky", alert("hook-flaky", WebhookFormat.generic, AlertEvent.Succeeded));
        DataRun done = runToTheEnd("flaky", "flaky-1", null, 1);

        assertThat(requests).filteredOn(d -> d.kind().equals("flaky")).extracting(Delivery::status).containsExactly(500, 500, 200);
        assertThat(delivered("flaky", "flaky-1")).containsExactly("Succeeded");
        AlertDeliveryStatus sent = done.getStatus().alerts.get(0);
        assertThat(sent.state).isEqualTo(AlertDeliveryState.Sent);
        assertThat(sent.attempts).isEqualTo(3);
        assertThat(sent.message).contains("after 3 attempts");
        await().atMost(Resources.TIMEOUT).until(() -> !events("flaky-1", "AlertSent").isEmpty());
    }

    @Test
    @Order(5)
    void deadOrMissingWebhooksEndFailedWithAWarningAndNeverHoldTheRunBack() {
        job("dead", alert("hook-refused", null, AlertEvent.Succeeded), alert("hook-hang", null, AlertEvent.Succeeded),
                alert("absent", null, AlertEvent.Succeeded));
        run("dead-1", "dead", null);
        Pod pod = start("dead-1");
        controller.succeed(client.batch().v1().jobs().inNamespace(NS).withName("dead-1").get(), pod);
        DataRun succeeded = awaitRun("dead-1", r -> r.getStatus().phase == RunPhase.Succeeded);
        assertThat(succeeded.getStatus().alerts).as("the run finished while its alerts were still being tried")
                .anySatisfy(a -> assertThat(a.state).isEqualTo(AlertDeliveryState.Pending));

        DataRun done = awaitRun("dead-1", r -> alertsSettled(r, 3));
        assertThat(done.getStatus().alerts).allSatisfy(a -> assertThat(a.state).isEqualTo(AlertDeliveryState.Failed));
        AlertDeliveryStatus refused = done.getStatus().alerts.stream().filter(a -> a.alert == 0).findFirst().orElseThrow();
        assertThat(refused.attempts).isEqualTo(5);
        assertThat(refused.message).contains("refused the connection").contains("gave up after 5 attempts");
        AlertDeliveryStatus hang = done.getStatus().alerts.stream().filter(a -> a.alert == 1).findFirst().orElseThrow();
        assertThat(hang.message).contains("did not answer in time");
        assertThat(requests).filteredOn(d -> d.kind().equals("hang")).hasSize(hang.attempts);
        AlertDeliveryStatus absent = done.getStatus().alerts.stream().filter(a -> a.alert == 2).findFirst().orElseThrow();
        assertThat(absent.attempts).isEqualTo(1);
        assertThat(absent.message).contains("Secret absent, key url").contains("does not exist");
        await().atMost(Resources.TIMEOUT).untilAsserted(() -> assertThat(events("dead-1", "AlertFailed")).hasSize(3)
                .allSatisfy(e -> assertThat(e.getType()).isEqualTo("Warning")));
    }

    @Test
    @Order(6)
    void slackFormatCarriesTextAndAColouredAttachment() {
        job("chatty", alert("hook-slack", WebhookFormat.slack, AlertEvent.Failed));
        runToTheEnd("chatty", "chatty-1", "BackoffLimitExceeded", 1);

        assertThat(requests).filteredOn(d -> d.kind().equals("slack")).singleElement().satisfies(d -> {
            JsonNode body = d.body();
            assertThat(body.path("text").isTextual()).isTrue();
            assertThat(body.path("text").asText()).startsWith("DataJob chatty failed").contains("chatty-1");
            assertThat(body.path("attachments").get(0).path("color").asText()).isEqualTo("danger");
            assertThat(body.path("attachments").get(0).path("blocks").size()).isGreaterThanOrEqualTo(2);
        });
    }

    @Test
    @Order(7)
    void pipelineRunsAlertFromThePipelineTheyFroze() {
        client.resource(Resources.bashJob(NS, "step")).serverSideApply();
        DataPipeline pipeline = new DataPipeline();
        pipeline.getMetadata().setName("nightly");
        pipeline.getMetadata().setNamespace(NS);
        pipeline.setSpec(new DataPipelineSpec());
        PipelineStep only = new PipelineStep();
        only.name = "only";
        only.jobRef = "step";
        pipeline.getSpec().steps = new ArrayList<>(List.of(only));
        pipeline.getSpec().alerts = List.of(alert("hook-ok", WebhookFormat.generic, AlertEvent.Succeeded));
        assertThat(Resources.awaitReady(client, client.resource(pipeline).serverSideApply()).getStatus()).isEqualTo("True");
        run("nightly-1", null, "nightly");
        Pod pod = start("nightly-1-only");
        controller.succeed(client.batch().v1().jobs().inNamespace(NS).withName("nightly-1-only").get(), pod);
        awaitRun("nightly-1", r -> alertsSettled(r, 1));
        quietPeriod();

        assertThat(delivered("ok", "nightly-1")).containsExactly("Succeeded");
        JsonNode body = requests.stream().filter(d -> "nightly-1".equals(d.body().path("run").asText())).findFirst().orElseThrow().body();
        assertThat(body.path("kind").asText()).isEqualTo("DataPipeline");
        assertThat(body.path("name").asText()).isEqualTo("nightly");
        assertThat(body.path("durationSeconds").isNumber()).isTrue();
    }

    /** Issue 18: what a webhook answers is never read back, and what only the operator reaches is refused. */
    @Test
    @Order(8)
    void anAnswersBodyIsNeverRecordedAndLoopbackBeyondTheTestsAllowanceIsRefused() {
        secret("hook-reads", "http://127.0.0.1:" + server.getAddress().getPort() + "/reads/" + TOKEN);
        secret("hook-loopback", "http://127.0.0.2:" + server.getAddress().getPort() + "/ok/" + TOKEN);
        job("probe", alert("hook-reads", null, AlertEvent.Succeeded), alert("hook-loopback", null, AlertEvent.Succeeded));
        DataRun done = runToTheEnd("probe", "probe-1", null, 2);
        AlertDeliveryStatus read = done.getStatus().alerts.stream().filter(a -> a.alert == 0).findFirst().orElseThrow();
        assertThat(read.state).isEqualTo(AlertDeliveryState.Failed);
        assertThat(read.message).startsWith("the webhook answered HTTP 403").doesNotContain(ANSWER);
        AlertDeliveryStatus loopback = done.getStatus().alerts.stream().filter(a -> a.alert == 1).findFirst().orElseThrow();
        assertThat(loopback.state).isEqualTo(AlertDeliveryState.Failed);
        assertThat(loopback.attempts).as("refused, not retried").isEqualTo(1);
        assertThat(loopback.message).startsWith("the webhook's host resolves to a loopback address, which alerts may not reach");
        assertThat(requests).as("127.0.0.2 is outside the test profile's 127.0.0.1/32").noneMatch(d -> d.path().startsWith("/ok/")
                && "probe-1".equals(d.body().path("run").asText()));
        await().atMost(Resources.TIMEOUT).until(() -> !events("probe-1", "AlertFailed").isEmpty());
        assertThat(Serialization.asJson(client.resources(DataRun.class).inNamespace(NS).list())
                + Serialization.asJson(client.v1().events().inNamespace(NS).list())).doesNotContain(ANSWER);
    }

    @Test
    @Order(100)
    void theWebhookUrlAppearsInNoLogEventOrStatus() {
        assertThat(requests).as("the tests above sent alerts").isNotEmpty();
        String port = "127.0.0.1:" + server.getAddress().getPort();
        String everything = Serialization.asJson(client.resources(DataRun.class).inNamespace(NS).list())
                + Serialization.asJson(client.v1().events().inNamespace(NS).list())
                + Serialization.asJson(client.resources(DataJob.class).inNamespace(NS).list())
                + Serialization.asJson(client.resources(DataPipeline.class).inNamespace(NS).list());
        assertThat(everything).doesNotContain(TOKEN).doesNotContain(port);
        assertThat(logs).as("the capture sees the dispatcher's own (debug) records").anyMatch(l -> l.contains("alert delivery"));
        assertThat(String.join("\n", logs)).doesNotContain(TOKEN).doesNotContain(port);
    }
}

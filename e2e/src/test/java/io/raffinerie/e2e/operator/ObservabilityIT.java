package io.raffinerie.e2e.operator;

import static io.raffinerie.e2e.harness.Raffinerie.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.PlantedSecrets;
import io.raffinerie.e2e.harness.Raffinerie;
import io.raffinerie.e2e.harness.WebhookRecorder;
import io.raffinerie.testsupport.PrometheusScrape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What the team sees of production without reading the operator's log: metrics after known runs, webhook alerts
 * counted on a real HTTP server, Events, and the kubectl tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilityIT {
    static final String NS = "e2e-observability";
    /** Part of every webhook URL: it must never show anywhere but in its Secret. */
    static final String TOKEN = "T0KEN-4f9c2a7e";
    static final ObjectMapper JSON = new ObjectMapper();

    final Cluster cluster = Cluster.get();
    final Raffinerie raffinerie = new Raffinerie(cluster);
    final WebhookRecorder hooks = new WebhookRecorder();
    Operator operator;

    @BeforeAll
    void environment() {
        operator = Operator.shared();
        raffinerie.environment(NS, null);
        PlantedSecrets.remember(TOKEN);
        cluster.kubectl("-n", NS, "create", "secret", "generic", "hooks",
                "--from-literal=generic=" + hooks.url("/generic/" + TOKEN),
                "--from-literal=slack=" + hooks.url("/slack/" + TOKEN),
                "--from-literal=flaky=" + hooks.url("/flaky/" + TOKEN),
                "--from-literal=dead=" + hooks.deadUrl("/dead/" + TOKEN)).assertOk();
        job("ok", "0", "", "");
        job("broken", "3", "", "");
    }

    @AfterAll
    void cleanUp() {
        writeTour();
        hooks.close();
        assertThat(PlantedSecrets.scanNamespace(cluster, NS)).isEmpty();
        raffinerie.deleteEnvironment(NS);
    }

    /** A bash job; {@code exitCode} is what its simulated pod exits with. */
    private void job(String name, String exitCode, String alerts, String extra) {
        raffinerie.job(NS, name, "bash", """
                script: echo %s
                podMetadata:
                  annotations: {raffinerie.io/sim-exit-code: "%s", raffinerie.io/sim-log: "%s: table orders is missing"}
                %s
                %s
                """.formatted(name, exitCode, name, alerts, extra));
    }

    private void pipeline(String name, String steps, String alerts) {
        raffinerie.pipeline(NS, name, steps, alerts);
    }

    private static String chain(int length, String job) {
        StringBuilder steps = new StringBuilder("- {name: s1, jobRef: " + job + "}\n");
        for (int i = 2; i <= length; i++) {
            steps.append("- {name: s").append(i).append(", jobRef: ").append(job).append(", dependsOn: [s").append(i - 1)
                    .append("]}\n");
        }
        return steps.toString();
    }

    private static String alert(String on, String key, String format) {
        return "- {events: [" + on + "], webhook: {urlSecretRef: {name: hooks, key: " + key + "}, format: " + format + "}}\n";
    }

    @Test
    @Order(1)
    void metricsCountKnownRunsExactly() {
        pipeline("chain", chain(3, "ok"), "");
        pipeline("chain-broken", "- {name: s1, jobRef: ok}\n- {name: s2, jobRef: broken, dependsOn: [s1]}\n", "");
        PrometheusScrape before = PrometheusScrape.of(operator.metrics());

        raffinerie.run(NS, "chain-1", "pipelineRef", "chain", null);
        raffinerie.run(NS, "chain-2", "pipelineRef", "chain", null);
        raffinerie.run(NS, "chain-broken-1", "pipelineRef", "chain-broken", null);
        raffinerie.awaitPhase(NS, "chain-1", "Succeeded");
        raffinerie.awaitPhase(NS, "chain-2", "Succeeded");
        raffinerie.awaitPhase(NS, "chain-broken-1", "Failed");

        Map<String, String> chainLabels = Map.of("namespace", NS, "kind", "DataPipeline", "name", "chain");
        Map<String, String> brokenLabels = Map.of("namespace", NS, "kind", "DataPipeline", "name", "chain-broken");
        Raffinerie.eventually(() -> {
            PrometheusScrape after = PrometheusScrape.of(operator.metrics());
            assertThat(after.increaseSince(before, "raffinerie_runs_total", with(chainLabels, "outcome", "Succeeded"))).isEqualTo(2);
            assertThat(after.increaseSince(before, "raffinerie_runs_total", with(brokenLabels, "outcome", "Failed"))).isEqualTo(1);
            assertThat(after.increaseSince(before, "raffinerie_runs_total", with(chainLabels, "outcome", "Failed"))).isZero();
            assertThat(after.increaseSince(before, "raffinerie_run_duration_seconds_count", chainLabels)).isEqualTo(2);
            assertThat(after.increaseSince(before, "raffinerie_step_duration_seconds_count", chainLabels)).isEqualTo(6);
            assertThat(after.increaseSince(before, "raffinerie_step_duration_seconds_count", with(brokenLabels, "outcome", "Failed")))
                    .isEqualTo(1);
            assertThat(after.increaseSince(before, "raffinerie_step_transition_seconds_count", chainLabels)).isEqualTo(4);
            assertThat(after.increaseSince(before, "raffinerie_step_transition_seconds_count", brokenLabels)).isEqualTo(1);
            assertThat(after.sum("raffinerie_runs_active", Map.of("namespace", NS))).isZero();
            assertThat(after.has("raffinerie_last_success_timestamp_seconds", chainLabels)).isTrue();
            assertThat(after.has("raffinerie_last_success_timestamp_seconds", brokenLabels)).as("never succeeded").isFalse();
        });
        assertThat(cluster.kubectl("-n", NS, "get", "dpipe", "chain").assertOk().stdout()).contains("chain-2").contains("3/3");
    }

    @Test
    @Order(2)
    void alertsAreDeliveredOncePerTransitionAndNotAgainAfterARestart() throws IOException {
        String alerts = "alerts:\n" + (alert("Started, Failed, Recovered", "generic", "generic")
                + alert("Failed", "slack", "slack")).indent(2);
        job("nightly", "3", alerts, "");
        raffinerie.run(NS, "nightly-1", "jobRef", "nightly", null);
        raffinerie.awaitPhase(NS, "nightly-1", "Failed");
        awaitAlerts("nightly-1", 3);
        job("nightly", "0", alerts, "");
        raffinerie.run(NS, "nightly-2", "jobRef", "nightly", null);
        raffinerie.awaitPhase(NS, "nightly-2", "Succeeded");
        awaitAlerts("nightly-2", 2);

        List<String> generic = events(hooks.to("/generic/" + TOKEN));
        assertThat(generic).containsExactly("nightly-1 Started", "nightly-1 Failed", "nightly-2 Started", "nightly-2 Recovered");
        assertThat(hooks.to("/slack/" + TOKEN)).hasSize(1);
        JsonNode failed = JSON.readTree(hooks.to("/generic/" + TOKEN).get(1).body());
        assertThat(failed.path("namespace").asText()).isEqualTo(NS);
        assertThat(failed.path("kind").asText()).isEqualTo("DataJob");
        assertThat(failed.path("phase").asText()).isEqualTo("Failed");
        assertThat(failed.path("failedStep").path("logTail").asText()).contains("nightly: table orders is missing");
        JsonNode slack = JSON.readTree(hooks.to("/slack/" + TOKEN).get(0).body());
        assertThat(slack.path("text").asText()).contains("nightly-1");
        assertThat(slack.path("attachments").get(0).path("color").asText()).isNotEmpty();
        assertThat(slack.path("attachments").get(0).path("blocks").isArray()).isTrue();

        // A restart re-derives every run from the cluster; what status records as Sent is not sent again.
        operator.kill();
        operator.start();
        raffinerie.run(NS, "after-restart-1", "pipelineRef", "chain", null);
        raffinerie.awaitPhase(NS, "after-restart-1", "Succeeded");
        assertThat(hooks.to("/generic/" + TOKEN)).hasSize(4);
        assertThat(hooks.to("/slack/" + TOKEN)).hasSize(1);
    }

    @Test
    @Order(3)
    void aWebhookAnsweringFiveHundredTwiceGetsItsAlertOnTheThirdTry() {
        hooks.answer("/flaky/" + TOKEN, 500, 500);
        job("flaky", "0", "alerts:\n" + alert("Succeeded", "flaky", "generic").indent(2), "");
        raffinerie.run(NS, "flaky-1", "jobRef", "flaky", null);
        raffinerie.awaitPhase(NS, "flaky-1", "Succeeded");
        Map<String, Object> delivery = awaitAlerts("flaky-1", 1).get(0);
        assertThat(delivery).containsEntry("state", "Sent").containsEntry("attempts", 3);
        assertThat(hooks.to("/flaky/" + TOKEN)).hasSize(3);
    }

    @Test
    @Order(4)
    void aDeadWebhookDoesNotDelayTheSteps() {
        pipeline("five-quiet", chain(5, "ok"), "");
        pipeline("five-dead", chain(5, "ok"), "alerts:\n" + alert("Started, Succeeded, Failed", "dead", "generic").indent(2));
        raffinerie.run(NS, "five-quiet-1", "pipelineRef", "five-quiet", null);
        raffinerie.run(NS, "five-dead-1", "pipelineRef", "five-dead", null);
        raffinerie.awaitPhase(NS, "five-quiet-1", "Succeeded");
        raffinerie.awaitPhase(NS, "five-dead-1", "Succeeded");

        assertThat(hooks.deadConnections()).as("the operator did try the dead endpoint").isPositive();
        Duration quiet = transitions("five-quiet-1");
        Duration dead = transitions("five-dead-1");
        PrometheusScrape scrape = PrometheusScrape.of(operator.metrics());
        double quietSeconds = scrape.sum("raffinerie_step_transition_seconds_sum", Map.of("namespace", NS, "name", "five-quiet"));
        double deadSeconds = scrape.sum("raffinerie_step_transition_seconds_sum", Map.of("namespace", NS, "name", "five-dead"));
        String report = "Step transitions over 4 steps. Job Complete → next Job created, from API timestamps (1 s resolution): "
                + "without alerts " + quiet.toMillis() + " ms, with a dead webhook " + dead.toMillis() + " ms. "
                + "Upstream seen done → Job created, the operator's histogram: without alerts "
                + Math.round(quietSeconds * 1000) + " ms, with a dead webhook " + Math.round(deadSeconds * 1000) + " ms\n";
        System.out.print(report);
        write("dead-webhook.txt", report);
        // A blocking delivery would add its 5 s request timeout to every transition: 20 s in all.
        assertThat(dead).isLessThanOrEqualTo(quiet.plusSeconds(3));
        assertThat(deadSeconds).isLessThanOrEqualTo(quietSeconds + 3);
    }

    @Test
    @Order(5)
    void theWebhookUrlIsNeverShownAndDescribeTellsTheStoryOfARun() {
        String everything = cluster.kubectl("-n", NS, "get", "dataruns,datajobs,datapipelines,events,configmaps", "-o", "yaml")
                .assertOk().stdout();
        assertThat(everything).doesNotContain(TOKEN);
        assertThat(operator.log()).doesNotContain(TOKEN);
        assertThat(operator.metrics()).doesNotContain(TOKEN);

        String describe = cluster.kubectl("-n", NS, "describe", "datarun", "chain-1").assertOk().stdout();
        assertThat(describe).contains("Started", "StepStarted", "StepSucceeded", "Succeeded");
        String failed = cluster.kubectl("-n", NS, "describe", "datarun", "nightly-1").assertOk().stdout();
        assertThat(failed).contains("Failed", "AlertSent");
    }

    /** The sum over a run's steps of: the step's Job created minus its upstream Job's Complete condition. */
    private Duration transitions(String run) {
        Duration total = Duration.ZERO;
        for (int i = 2; i <= 5; i++) {
            Job upstream = cluster.client().batch().v1().jobs().inNamespace(NS).withName(run + "-s" + (i - 1)).get();
            Job next = cluster.client().batch().v1().jobs().inNamespace(NS).withName(run + "-s" + i).get();
            Instant complete = Instant.parse(upstream.getStatus().getConditions().stream()
                    .filter(c -> "Complete".equals(c.getType())).map(JobCondition::getLastTransitionTime).findFirst().orElseThrow());
            total = total.plus(Duration.between(complete, Instant.parse(next.getMetadata().getCreationTimestamp())));
        }
        return total;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> awaitAlerts(String run, int count) {
        return (List<Map<String, Object>>) await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> (List<Map<String, Object>>) status(raffinerie.get("DataRun", NS, run)).getOrDefault("alerts", List.of()),
                        alerts -> alerts.size() == count && alerts.stream().allMatch(a -> !"Pending".equals(a.get("state"))));
    }

    private static List<String> events(List<WebhookRecorder.Delivery> deliveries) {
        return deliveries.stream().map(d -> {
            try {
                JsonNode body = JSON.readTree(d.body());
                return body.path("run").asText() + " " + body.path("event").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> labels = new HashMap<>(base);
        labels.put(key, value);
        return labels;
    }


    /** The kubectl tables of every kind, for the README's tour. */
    private void writeTour() {
        StringBuilder tour = new StringBuilder();
        for (List<String> command : List.of(List.of("get", "raffinerie", "-A"), List.of("get", "dataenvironments"),
                List.of("-n", NS, "get", "datajobs"), List.of("-n", NS, "get", "datapipelines"),
                List.of("-n", NS, "get", "dataruns"))) {
            tour.append("$ kubectl ").append(String.join(" ", command)).append('\n')
                    .append(cluster.kubectl(command.toArray(String[]::new)).stdout()).append('\n');
        }
        write("kubectl-tour.txt", tour.toString());
    }

    private void write(String name, String text) {
        try {
            Path file = cluster.e2eDir().resolve("target").resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataPipelineSpec;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunSpec;
import io.raffinerie.api.v1alpha1.History;
import io.raffinerie.api.v1alpha1.PipelineStep;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.testsupport.PrometheusScrape;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The domain metrics on /q/metrics, read after known runs: exact increments, never "greater than zero". */
@QuarkusTest
@ClusterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT {
    static final String NS = "metrics";
    static final Map<String, String> CHAIN = Map.of("namespace", NS, "kind", "DataPipeline", "name", "chain");

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/q/metrics")
    URI metrics;

    JobControllerDouble controller;

    @BeforeAll
    void environmentAndJobs() {
        controller = new JobControllerDouble(client);
        Resources.readyEnvironment(client, NS);
        for (String name : List.of("a", "b", "c")) {
            client.resource(job(name, null)).serverSideApply();
        }
        DataPipeline pipeline = new DataPipeline();
        pipeline.getMetadata().setName("chain");
        pipeline.getMetadata().setNamespace(NS);
        pipeline.setSpec(new DataPipelineSpec());
        pipeline.getSpec().steps = List.of(Resources.step("a", null), Resources.step("b", null, "a"),
                Resources.step("c", null, "b"));
        assertThat(Resources.awaitReady(client, client.resource(pipeline).serverSideApply()).getStatus()).isEqualTo("True");
    }

    @Test
    void aSucceededAndAFailedPipelineRunCountExactlyOnceEach() throws IOException {
        PrometheusScrape before = PrometheusScrape.from(metrics);

        run("chain-ok", "chain", null);
        succeed("chain-ok-a");
        succeed("chain-ok-b");
        succeed("chain-ok-c");
        awaitPhase("chain-ok", RunPhase.Succeeded);
        run("chain-ko", "chain", null);
        succeed("chain-ko-a");
        fail("chain-ko-b");
        awaitPhase("chain-ko", RunPhase.Failed);

        await().atMost(Resources.TIMEOUT).untilAsserted(() -> {
            PrometheusScrape after = PrometheusScrape.from(metrics);
            assertThat(after.increaseSince(before, "raffinerie_runs_total", with(CHAIN, "outcome", "Succeeded", "trigger", "Manual")))
                    .isEqualTo(1.0);
            assertThat(after.increaseSince(before, "raffinerie_runs_total", with(CHAIN, "outcome", "Failed"))).isEqualTo(1.0);
            assertThat(after.increaseSince(before, "raffinerie_run_duration_seconds_count", CHAIN)).isEqualTo(2.0);
            // a twice, b twice (one success, one failure), c once; c of the failed run never ran.
            assertThat(after.increaseSince(before, "raffinerie_step_duration_seconds_count", with(CHAIN, "step", "a"))).isEqualTo(2.0);
            assertThat(after.increaseSince(before, "raffinerie_step_duration_seconds_count", with(CHAIN, "step", "b", "outcome", "Failed")))
                    .isEqualTo(1.0);
            assertThat(after.increaseSince(before, "raffinerie_step_duration_seconds_count", with(CHAIN, "step", "c"))).isEqualTo(1.0);
            // a→b, b→c in the first run, a→b in the second.
            assertThat(after.increaseSince(before, "raffinerie_step_transition_seconds_count", CHAIN)).isEqualTo(3.0);
            assertThat(after.sum("raffinerie_step_transition_seconds_bucket", with(CHAIN, "le", "+Inf")))
                    .isEqualTo(after.sum("raffinerie_step_transition_seconds_count", CHAIN));
            assertThat(after.sum("raffinerie_runs_active", Map.of("namespace", NS, "kind", "DataPipeline"))).isEqualTo(0.0);
            double lastSuccess = after.sum("raffinerie_last_success_timestamp_seconds", CHAIN);
            assertThat(lastSuccess).isBetween(Instant.now().minusSeconds(120).getEpochSecond() * 1.0,
                    Instant.now().getEpochSecond() * 1.0);
        });
        // JOSDK's own metrics, per controller and never per resource.
        PrometheusScrape josdk = PrometheusScrape.from(metrics);
        assertThat(josdk.increaseSince(before, "reconciliations_started_total", Map.of("controller_name", "datarun"))).isPositive();
        assertThat(josdk.labelSets("reconciliations_started_total")).allSatisfy(labels ->
                assertThat(labels.keySet()).containsExactly("controller_name"));
        // Every domain series the chart's dashboard and alert rules query is one the operator exports.
        assertThat(chartQueriedMetrics()).isNotEmpty().allSatisfy(name -> assertThat(josdk.has(name, Map.of())).as(name).isTrue());
        // No run name ever becomes a label: cardinality stays bounded by what users declare.
        assertThat(PrometheusScrape.from(metrics).labelSets("raffinerie_runs_total"))
                .allSatisfy(labels -> assertThat(labels.values()).doesNotContain("chain-ok", "chain-ko"));
        assertThat(client.resources(DataPipeline.class).inNamespace(NS).withName("chain").get().getStatus().lastSuccessTime)
                .isNotNull();
    }

    @Test
    void aRunningRunIsActiveUntilItEnds() {
        client.resource(job("slow", null)).serverSideApply();
        Map<String, String> slowJobs = Map.of("namespace", NS, "kind", "DataJob");
        run("slow-1", null, "slow");
        Job job = controller.awaitJob(NS, "slow-1");
        Pod pod = controller.startAttempt(job, 1);
        awaitPhase("slow-1", RunPhase.Running);
        await().atMost(Resources.TIMEOUT).untilAsserted(() ->
                assertThat(PrometheusScrape.from(metrics).sum("raffinerie_runs_active", slowJobs)).isEqualTo(1.0));
        controller.succeed(client.resource(job).get(), pod);
        awaitPhase("slow-1", RunPhase.Succeeded);
        await().atMost(Resources.TIMEOUT).untilAsserted(() ->
                assertThat(PrometheusScrape.from(metrics).sum("raffinerie_runs_active", slowJobs)).isEqualTo(0.0));
    }

    @Test
    void finishedRunsPastTheirTimeToLiveAreDeletedWithTheirJobs() {
        History history = new History();
        history.ttlSecondsAfterFinished = 2;
        client.resource(job("ephemeral", history)).serverSideApply();
        run("ephemeral-1", null, "ephemeral");
        controller.runToSuccess(NS, "ephemeral-1");
        awaitPhase("ephemeral-1", RunPhase.Succeeded);
        // Deleted by the operator, not by a test cleanup: the job keeps its last success after the run is gone.
        await().atMost(Resources.TIMEOUT).until(() -> client.resources(DataRun.class).inNamespace(NS).withName("ephemeral-1").get() == null);
        DataJob after = client.resources(DataJob.class).inNamespace(NS).withName("ephemeral").get();
        assertThat(after.getStatus().lastSuccessTime).isNotNull();
    }

    private static Set<String> chartQueriedMetrics() throws IOException {
        // The query lines only: descriptions name metrics loosely.
        String queries = Stream.concat(Files.readAllLines(Path.of("helm/raffinerie/dashboards/raffinerie.json")).stream(),
                        Files.readAllLines(Path.of("helm/raffinerie/templates/prometheusrule.yaml")).stream())
                .filter(line -> line.contains("\"expr\"") || line.trim().startsWith("expr:"))
                .collect(Collectors.joining("\n"));
        return Pattern.compile("raffinerie_[a-z_]+").matcher(queries).results().map(MatchResult::group)
                .filter(name -> !name.equals("raffinerie_api_writes_total")) // counted only once the operator writes
                .collect(Collectors.toSet());
    }

    private static Map<String, String> with(Map<String, String> base, String... more) {
        Map<String, String> labels = new java.util.HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            labels.put(more[i], more[i + 1]);
        }
        return labels;
    }


    private DataJob job(String name, History history) {
        DataJob job = Resources.bashJob(NS, name);
        job.getSpec().history = history;
        return job;
    }

    private void run(String name, String pipeline, String job) {
        client.resource(Resources.run(NS, name, job, pipeline)).create();
    }

    private void awaitPhase(String run, RunPhase phase) {
        Resources.awaitRun(client, NS, run, r -> r.getStatus().phase == phase);
    }

    private void succeed(String job) {
        controller.runToSuccess(NS, job);
    }

    private void fail(String job) {
        controller.runToFailure(NS, job, 1);
    }
}

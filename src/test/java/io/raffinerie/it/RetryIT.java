package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataPipelineSpec;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.Parameter;
import io.raffinerie.api.v1alpha1.RetryOptions;
import io.raffinerie.api.v1alpha1.RunPhase;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Retries of pipeline runs (spec.retryOf) on a real API server: their parameters, and which code they rerun. */
@QuarkusTest
@ClusterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetryIT {
    static final String NS = "retries";

    @Inject
    KubernetesClient client;

    JobControllerDouble controller;

    @BeforeAll
    void environment() {
        controller = new JobControllerDouble(client);
        Resources.readyEnvironment(client, NS);
    }

    private void job(String name, String script) {
        DataJob job = Resources.bashJob(NS, name);
        job.getSpec().script = script;
        job.getSpec().parameters = List.of(new Parameter("CAMPAIGN", "spring"));
        client.resource(job).serverSideApply();
    }

    private void pipeline(String name, String first, String second) {
        DataPipeline pipeline = new DataPipeline();
        pipeline.getMetadata().setName(name);
        pipeline.getMetadata().setNamespace(NS);
        pipeline.setSpec(new DataPipelineSpec());
        pipeline.getSpec().steps = List.of(Resources.step(first, null), Resources.step(second, null, first));
        pipeline.getSpec().parameters = List.of(new Parameter("CAMPAIGN", "spring"));
        assertThat(Resources.awaitReady(client, client.resource(pipeline).serverSideApply()).getStatus()).isEqualTo("True");
    }

    private DataRun run(String name, String pipeline, String retryOf, Map<String, String> parameters, Boolean useLatest) {
        DataRun run = Resources.run(NS, name, null, pipeline);
        run.getSpec().retryOf = retryOf;
        run.getSpec().parameters = parameters;
        if (useLatest != null) {
            run.getSpec().retry = new RetryOptions();
            run.getSpec().retry.useLatest = useLatest;
        }
        return client.resource(run).create();
    }

    private static String env(Job job, String name) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream().filter(e -> e.getName().equals(name))
                .map(EnvVar::getValue).findFirst().orElse(null);
    }

    private static String scriptConfigMap(Job job) {
        return job.getSpec().getTemplate().getSpec().getVolumes().stream().filter(v -> v.getConfigMap() != null)
                .map(v -> v.getConfigMap().getName()).findFirst().orElseThrow();
    }

    /** Runs {@code name}: its first step succeeds, its second fails. */
    private void firstSucceedsSecondFails(String name, String first, String second) {
        controller.runToSuccess(NS, name + "-" + first);
        controller.runToFailure(NS, name + "-" + second, 2);
        Resources.awaitRun(client, NS, name, r -> r.getStatus().phase == RunPhase.Failed);
    }

    @Test
    void aRetryRunsWithTheOriginalRunsParametersUnlessOneIsOverridden() {
        job("fetch", "echo fetch");
        job("score", "echo score");
        pipeline("campaign", "fetch", "score");
        run("campaign-1", "campaign", null, Map.of("CAMPAIGN", "black-friday"), null);
        firstSucceedsSecondFails("campaign-1", "fetch", "score");

        run("campaign-2", "campaign", "campaign-1", null, null);
        Job rerun = controller.awaitJob(NS, "campaign-2-score");
        assertThat(env(rerun, "CAMPAIGN")).as("inherited from the original run").isEqualTo("black-friday");
        DataRun retry = client.resources(DataRun.class).inNamespace(NS).withName("campaign-2").get();
        assertThat(retry.getStatus().parameters).containsExactly(Map.entry("CAMPAIGN", "black-friday"));

        run("campaign-3", "campaign", "campaign-1", Map.of("CAMPAIGN", "cyber-monday"), null);
        assertThat(env(controller.awaitJob(NS, "campaign-3-score"), "CAMPAIGN")).as("overridden explicitly")
                .isEqualTo("cyber-monday");
        assertThat(Resources.awaitRun(client, NS, "campaign-3", r -> r.getStatus().parameters != null).getStatus().parameters)
                .containsExactly(Map.entry("CAMPAIGN", "cyber-monday"));
    }

    @Test
    void aRetryRerunsWhatTheOriginalRanUnlessItAsksForTheLatestCode() {
        job("extract", "echo extract");
        job("transform", "exit 3");
        pipeline("nightly", "extract", "transform");
        run("nightly-1", "nightly", null, null, null);
        firstSucceedsSecondFails("nightly-1", "extract", "transform");
        String broken = scriptConfigMap(controller.awaitJob(NS, "nightly-1-transform"));

        job("transform", "echo fixed");
        run("nightly-2", "nightly", "nightly-1", null, null);
        assertThat(scriptConfigMap(controller.awaitJob(NS, "nightly-2-transform"))).as("the original's frozen script")
                .isEqualTo(broken);

        run("nightly-3", "nightly", "nightly-1", null, true);
        Job latest = controller.awaitJob(NS, "nightly-3-transform");
        assertThat(scriptConfigMap(latest)).as("the fixed script").isNotEqualTo(broken);
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("nightly-3-extract").get()).as("the succeeded step is reused")
                .isNull();
        controller.runToSuccess(NS, "nightly-3-transform");
        assertThat(Resources.awaitRun(client, NS, "nightly-3", r -> r.getStatus().phase == RunPhase.Succeeded)
                .getStatus().steps.get(0).reusedFrom).isEqualTo("nightly-1");
    }
}

package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NamespaceListVisitFromServerGetDeleteRecreateWaitApplicable;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.testsupport.PrometheusScrape;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A failure that may pass: a cluster policy forbids Jobs (403) for a while. The run says why it waits, the operator
 * retries with a growing backoff that the JOSDK metrics show, and once the policy goes the run goes on: never a loop,
 * never given up.
 */
@QuarkusTest
@ClusterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackoffIT {
    static final String NS = "backoff";
    static final Map<String, String> RUNS = Map.of("controller_name", "datarun");
    static final String POLICY = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata: {name: backoff-freeze-jobs}
            spec:
              failurePolicy: Fail
              matchConstraints:
                resourceRules:
                - {apiGroups: [batch], apiVersions: [v1], operations: [CREATE], resources: [jobs]}
              validations:
              - {expression: "false", reason: Forbidden, message: "Jobs are frozen in this namespace for maintenance"}
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata: {name: backoff-freeze-jobs}
            spec:
              policyName: backoff-freeze-jobs
              validationActions: [Deny]
              matchResources:
                namespaceSelector:
                  matchLabels: {kubernetes.io/metadata.name: backoff}
            """;

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/q/metrics")
    URI metrics;

    @Inject
    Operator operator;

    @BeforeAll
    void environmentAndJob() {
        Resources.readyEnvironment(client, NS);
        Resources.awaitReady(client, client.resource(Resources.bashJob(NS, "load")).serverSideApply());
    }

    @AfterAll
    void policyGone() {
        policy().delete();
    }

    @Test
    void aForbiddenJobIsRetriedWithAGrowingBackoffAndTheRunGoesOnOnceAllowed() throws IOException {
        policy().serverSideApply();
        await().atMost(Resources.TIMEOUT).pollInterval(Duration.ofMillis(200)).until(this::jobsForbidden);

        PrometheusScrape before = PrometheusScrape.from(metrics);
        Instant start = Instant.now();
        DataRun run = client.resource(Resources.run(NS, "frozen-1", "load", null)).create();
        // The failures as the metrics show them: when each one was counted.
        List<Double> failedAt = new ArrayList<>();
        double[] counted = {0};
        await().atMost(Resources.TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
            double failures = PrometheusScrape.from(metrics).increaseSince(before, "reconciliations_failure_total", RUNS);
            for (; counted[0] < failures; counted[0]++) {
                failedAt.add(Duration.between(start, Instant.now()).toMillis() / 1000.0);
            }
            return failures >= 6;
        });
        DataRun waiting = client.resource(run).get();
        assertThat(waiting.getStatus().message).as("the run says why it waits")
                .startsWith("retrying with backoff: ").contains("Jobs are frozen in this namespace for maintenance");
        assertThat(waiting.getStatus().phase).isNotEqualTo(RunPhase.Failed);

        PrometheusScrape during = PrometheusScrape.from(metrics);
        double elapsed = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        double failures = during.increaseSince(before, "reconciliations_failure_total", RUNS);
        assertThat(during.increaseSince(before, "reconciliations_retries_total", RUNS)).as("retries are counted").isGreaterThanOrEqualTo(3);
        // Retries 1 s apart, then 2, 4, 8 s: after the first, n more failures need 2^(n-1) s. A slow machine only makes
        // fewer of them; without backoff there would be hundreds. Two spare: the run's own status write may bring one
        // retry forward.
        assertThat(failures).as("failures in %.1f s", elapsed)
                .isLessThanOrEqualTo(Math.floor(Math.log(elapsed) / Math.log(2)) + 2 + 2);

        policy().delete();
        new JobControllerDouble(client).runToSuccess(NS, "frozen-1");
        DataRun done = Resources.awaitRun(client, NS, "frozen-1", r -> r.getStatus().phase == RunPhase.Succeeded);
        assertThat(done.getStatus().message).as("the wait is over, and so is its message").isNull();
        assertThat(client.batch().v1().jobs().inNamespace(NS).list().getItems()).extracting(j -> j.getMetadata().getName())
                .containsExactly("frozen-1");

        String report = String.format("backoff: Job creation forbidden (403) by a policy; datarun failures counted at %s s "
                + "after the run was created; %.0f retries; Succeeded once the policy was removed%n", failedAt,
                PrometheusScrape.from(metrics).increaseSince(before, "reconciliations_retries_total", RUNS));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/backoff-report.txt"), report);
        System.out.print(report);
    }

    @Test
    void everyControllerRetriesForEverAtMostAMinuteApart() {
        for (String controller : List.of("dataenvironment", "datajob", "datapipeline", "datarun")) {
            GenericRetry retry = (GenericRetry) operator.getRegisteredController(controller).orElseThrow().getConfiguration().getRetry();
            assertThat(retry.getMaxAttempts()).as(controller).isEqualTo(-1);
            assertThat(retry.getInitialInterval()).as(controller).isEqualTo(1000);
            assertThat(retry.getIntervalMultiplier()).as(controller).isEqualTo(2.0);
            assertThat(retry.getMaxInterval()).as(controller).isEqualTo(60_000);
        }
    }

    /** The policy and its binding, to apply or delete. */
    private NamespaceListVisitFromServerGetDeleteRecreateWaitApplicable<HasMetadata> policy() {
        return client.load(new ByteArrayInputStream(POLICY.getBytes(StandardCharsets.UTF_8)));
    }

    private boolean jobsForbidden() {
        Job probe = new JobBuilder().withNewMetadata().withName("probe").withNamespace(NS).endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer()
                .withRestartPolicy("Never").endSpec().endTemplate().endSpec().build();
        try {
            client.resource(probe).dryRun().create();
            return false;
        } catch (KubernetesClientException e) {
            return e.getCode() == 403;
        }
    }

}

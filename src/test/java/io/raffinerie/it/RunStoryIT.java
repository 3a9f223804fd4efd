package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.RunReason;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A run's story reads in order: the example pipeline (examples/), with its load step failing with exit code 3 after
 * two attempts, ends Failed with a reason, a message in words and honest progress; its Events come back in the
 * order they were recorded, and {@code kubectl describe} tells it in a page.
 */
@QuarkusTest
@ClusterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunStoryIT {
    static final String NS = "story";
    static final String RUN = "daily-sales-first";

    @Inject
    KubernetesClient client;

    JobControllerDouble controller;

    @BeforeAll
    void theExamplePipelineInItsOwnEnvironment() throws IOException {
        controller = new JobControllerDouble(client);
        Resources.readyEnvironment(client, NS);
        for (String file : List.of("10-job-extract-orders.yaml", "11-job-clean-orders.yaml", "12-job-enrich-customers.yaml",
                "13-job-load-warehouse.yaml")) {
            DataJob job = example(file, DataJob.class);
            job.getSpec().schedule = null;
            client.resource(job).serverSideApply();
        }
        DataPipeline pipeline = client.resource(example("20-pipeline-daily-sales.yaml", DataPipeline.class)).serverSideApply();
        assertThat(Resources.awaitReady(client, pipeline).getStatus()).isEqualTo("True");
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T example(String file, Class<T> type) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("examples", file))) {
            T resource = Serialization.unmarshal(in, type);
            resource.getMetadata().setNamespace(NS);
            return resource;
        }
    }

    @Test
    void aStepFailingAfterItsRetriesTellsTheRunsStoryInOrder() throws Exception {
        client.resource(example("32-run-daily-sales.yaml", DataRun.class)).create();
        controller.runToSuccess(NS, RUN + "-extract");
        controller.runToSuccess(NS, RUN + "-clean");
        controller.runToSuccess(NS, RUN + "-enrich");
        Job load = controller.awaitJob(NS, RUN + "-load");
        controller.startAttempt(load, 1);
        Pod second = controller.startAttempt(client.resource(load).get(), 2);
        controller.fail(client.resource(load).get(), second, 3, 2, "BackoffLimitExceeded");

        DataRun done = Resources.awaitRun(client, NS, RUN, r -> r.getStatus().phase == RunPhase.Failed);
        StepStatus loadStep = done.getStatus().steps.stream().filter(s -> s.name.equals("load")).findFirst().orElseThrow();
        assertThat(loadStep.phase).isEqualTo(StepPhase.Failed);
        assertThat(loadStep.exitCode).isEqualTo(3);
        assertThat(loadStep.attempts).isEqualTo(2);
        assertThat(loadStep.message).isEqualTo("exit code 3 after 2 attempts");
        assertThat(done.getStatus().reason).isEqualTo(RunReason.StepFailed);
        assertThat(done.getStatus().message).isEqualTo("step load failed: exit code 3 after 2 attempts");
        assertThat(done.getStatus().progress).as("a failed run never reads 4/4").isEqualTo("3/4");
        assertThat(done.getStatus().summary).isEqualTo("4 of 4 finished: 3 succeeded, 1 failed");
        assertThat(done.getStatus().snapshot).as("the frozen pipeline is one compact field").isNull();
        assertThat(done.getStatus().frozen).isNotBlank();

        List<Event> listed = await().atMost(Resources.TIMEOUT).until(this::eventsOfTheRun,
                events -> events.stream().anyMatch(e -> "Failed".equals(e.getReason())));
        assertThat(listed).allSatisfy(e -> {
            assertThat(e.getEventTime()).as("eventTime, at microsecond precision").isNotNull();
            assertThat(e.getReportingInstance()).isNotBlank();
            assertThat(e.getAction()).isNotBlank();
        });
        List<String> asRecorded = story(listed.stream()
                .sorted(Comparator.comparing((Event e) -> Instant.parse(e.getEventTime().getTime()))).toList());
        List<String> asKubectlSorts = story(kubectlOrder(listed));
        assertThat(asKubectlSorts).as("kubectl describe's order").containsExactlyElementsOf(asRecorded);
        assertThat(asRecorded.get(0)).isEqualTo("Started: run " + RUN + " started");
        assertThat(asRecorded).contains("StepFailed: step load failed: exit code 3 after 2 attempts");
        assertThat(asRecorded.get(asRecorded.size() - 1))
                .isEqualTo("Failed: run " + RUN + " failed: step load failed: exit code 3 after 2 attempts");
        int extracted = asRecorded.indexOf("StepSucceeded: step extract succeeded");
        assertThat(extracted).isPositive();
        assertThat(asRecorded.subList(0, extracted)).as("nothing about the steps after extract before it ended")
                .noneMatch(e -> e.contains("step clean") || e.contains("step enrich") || e.contains("step load"));

        describedByKubectl(asRecorded);
    }

    /** The run's Events as the API server lists them, as kubectl describe asks for them. */
    private List<Event> eventsOfTheRun() {
        return client.v1().events().inNamespace(NS).withField("involvedObject.name", RUN).list().getItems();
    }

    /**
     * kubectl describe sorts the listed Events by lastTimestamp (second precision) and keeps the listed order among
     * Events of the same second (its sort leaves an input already in order as it is); List.sort is stable.
     */
    private static List<Event> kubectlOrder(List<Event> listed) {
        List<Event> sorted = new ArrayList<>(listed);
        sorted.sort(Comparator.comparing((Event e) -> Instant.parse(e.getLastTimestamp())));
        return sorted;
    }

    private static List<String> story(List<Event> events) {
        return events.stream().map(e -> e.getReason() + ": " + e.getMessage()).toList();
    }

    /** The real kubectl describe, against the test API server: short, in order, in words. */
    private void describedByKubectl(List<String> asRecorded) throws Exception {
        String home = System.getenv().getOrDefault("KUBE_API_TEST_DIR", System.getProperty("user.home") + "/.kubeapitest");
        Path kubectl = Path.of(home, "k8s", System.getProperty("kube.version", "1.36.3") + "-linux-amd64", "kubectl");
        Assumptions.assumeTrue(Files.isExecutable(kubectl), "no kubectl at " + kubectl);
        Process process = new ProcessBuilder(kubectl.toString(), "--kubeconfig",
                System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE), "describe", "datarun", RUN, "-n", NS)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        List<String> lines = Arrays.asList(output.split("\n"));
        int events = lines.indexOf("Events:");
        // About 16 lines of kubectl's own (name, metadata, spec), 16 of the run's status (its revision included) and 13
        // or 14 per step (with the technology, version, image and job revision it ran); the frozen pipeline is one
        // line. It was 177 lines with the plain snapshot, 86 with the revisions.
        assertThat(events).as(output).isPositive().isLessThanOrEqualTo(90);
        assertThat(output).contains("exit code 3 after 2 attempts").containsPattern("Reason:\\s+StepFailed")
                .containsPattern("Progress:\\s+3/4").containsPattern("Attempts:\\s+2").containsPattern("Exit Code:\\s+3")
                .doesNotContain("echo \"loading into");
        List<String> eventLines = lines.subList(events + 3, lines.size()).stream().filter(l -> !l.isBlank()).toList();
        assertThat(eventLines).hasSameSizeAs(asRecorded);
        for (int i = 0; i < asRecorded.size(); i++) {
            String[] recorded = asRecorded.get(i).split(": ", 2);
            assertThat(eventLines.get(i)).as("event %d of\n%s", i, output).contains(" " + recorded[0] + " ").endsWith(recorded[1]);
        }
    }
}

package io.raffinerie.e2e.realnode;

import static io.raffinerie.e2e.harness.Raffinerie.status;
import static io.raffinerie.e2e.harness.Raffinerie.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.PlantedSecrets;
import io.raffinerie.e2e.harness.Raffinerie;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs that really execute, on the e2e cluster's real node (RAFFINERIE_REAL_NODE=1, images imported from
 * e2e/images/build.sh: see `make e2e-real`), landing there through DataEnvironment.spec.scheduling; through kubectl
 * and the API only, plus pgrep on this machine, where the node's containers are processes. Skipped without a real node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealNodeIT {
    static final String NS = "e2e-real";
    static final String SECRET = "s3cr3t-on-a-real-node";
    static final Duration REAL = Duration.ofMinutes(3);

    final Cluster cluster = Cluster.get();
    final Raffinerie raffinerie = new Raffinerie(cluster);
    String node;

    @BeforeAll
    void anEnvironmentPinnedToTheRealNode() {
        node = RealNode.assume(cluster).getMetadata().getName();
        Operator.shared();
        raffinerie.environment(NS, RealNode.SCHEDULING + """
                variables:
                  - {name: WAREHOUSE_PASSWORD, secretKeyRef: {name: warehouse, key: password}}
                """);
        PlantedSecrets.create(cluster, NS, "warehouse", "password", SECRET);
    }

    @AfterAll
    void cleanUp() {
        if (node != null) {
            raffinerie.deleteEnvironment(NS);
        }
    }

    private GenericKubernetesResource runToEnd(String name, String job, String parameters) {
        raffinerie.run(NS, name, "jobRef", job, parameters == null ? null : "parameters: " + parameters);
        return raffinerie.awaitFinished(NS, name, REAL);
    }

    /** Runs {@code job}: the run Succeeds on the real node and its log tail is {@code tail}, what the program printed. */
    private void succeedsPrinting(String run, String job, String parameters, String tail) {
        GenericKubernetesResource done = runToEnd(run, job, parameters);
        assertThat(status(done).get("phase")).as(String.valueOf(step(done))).isEqualTo("Succeeded");
        assertThat((String) step(done).get("logTail")).isEqualTo(tail).doesNotContain(SECRET);
        ranOnTheRealNode(run);
    }

    private static Map<String, Object> step(GenericKubernetesResource run) {
        return steps(run).get(0);
    }

    private List<Pod> pods(String run) {
        return cluster.client().pods().inNamespace(NS).withLabel("raffinerie.io/run", run).list().getItems();
    }

    private void ranOnTheRealNode(String run) {
        assertThat(pods(run)).isNotEmpty().allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isEqualTo(node));
    }

    /** Processes of this machine whose command line is exactly {@code commandLine} (the node's containers are some). */
    private static List<String> processes(String commandLine) {
        try {
            Process pgrep = new ProcessBuilder("pgrep", "-x", "-f", commandLine).redirectErrorStream(true).start();
            String out = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            pgrep.waitFor();
            return out.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void pythonComputesFromItsParameterAndTheTailIsWhatItPrinted() {
        raffinerie.job(NS, "triangle", "python", """
                image: raffinerie.local/python:3.13
                script: |
                  import os, sys
                  n = int(os.environ["COUNT"])
                  print("python %d.%d: 1 + ... + %d = %d" % (sys.version_info[0], sys.version_info[1], n, n * (n + 1) // 2))
                parameters: [{name: COUNT, default: "10"}]
                """);
        Instant created = Instant.now();
        succeedsPrinting("triangle-100", "triangle", "{COUNT: \"100\"}", "python 3.13: 1 + ... + 100 = 5050\n");
        var job = cluster.client().batch().v1().jobs().inNamespace(NS).withName("triangle-100").get();
        System.out.printf("[real node] a python run: DataRun created to Succeeded seen %d ms; its Job, created to complete: %d s%n",
                Duration.between(created, Instant.now()).toMillis(), Duration.between(Instant.parse(job.getMetadata().getCreationTimestamp()),
                        Instant.parse(job.getStatus().getCompletionTime())).toSeconds());
    }

    @Test
    void bashRunsItsScript() {
        raffinerie.job(NS, "sums", "bash", """
                image: raffinerie.local/bash:5.2
                script: |
                  set -euo pipefail
                  echo "bash ${BASH_VERSINFO[0]}.${BASH_VERSINFO[1]} as uid $(id -u): $(seq 1 4 | paste -sd+ | bc)"
                """);
        succeedsPrinting("sums-1", "sums", null, "bash 5.2 as uid 1000: 10\n");
    }

    @Test
    void javaRunsASingleFileSource() {
        raffinerie.job(NS, "hello-java", "java", """
                image: raffinerie.local/java:21
                command: [bash, -c, 'printf "%s" "$SOURCE" >/tmp/Hello.java && exec java /tmp/Hello.java "$@"', java]
                args: [orders]
                env:
                  - name: SOURCE
                    value: |
                      public class Hello {
                          public static void main(String[] args) {
                              System.out.println("java " + Runtime.version().feature() + " counts " + args[0] + ": " + args[0].length());
                          }
                      }
                """);
        succeedsPrinting("hello-java-1", "hello-java", null, "java 21 counts orders: 6\n");
    }

    @Test
    void aContainerRunsItsCommandAndArgs() {
        raffinerie.job(NS, "plain-image", "container", """
                image: raffinerie.local/bash:5.2
                command: [sh, -c, 'echo "$0 and $1 on $(uname -s)"']
                args: [first, second]
                """);
        succeedsPrinting("plain-image-1", "plain-image", null, "first and second on Linux\n");
    }

    @Test
    void exitCodeSevenIsReportedAfterRetriesPlusOneRealAttempts() {
        raffinerie.job(NS, "sevens", "bash", """
                image: raffinerie.local/bash:5.2
                script: |
                  echo "attempt on $(hostname), exiting 7"
                  exit 7
                retries: 2
                """);
        GenericKubernetesResource run = runToEnd("sevens-1", "sevens", null);
        assertThat(status(run).get("phase")).isEqualTo("Failed");
        assertThat(step(run).get("exitCode")).isEqualTo(7);
        assertThat(step(run).get("attempts")).isEqualTo(3);
        List<Pod> pods = pods("sevens-1");
        assertThat(pods).hasSize(3).allSatisfy(p -> {
            assertThat(p.getStatus().getPhase()).isEqualTo("Failed");
            assertThat(p.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isEqualTo(7);
        });
        assertThat(pods.stream().map(p -> p.getMetadata().getName()).distinct()).as("three real pods").hasSize(3);
        assertThat((String) step(run).get("logTail")).startsWith("attempt on sevens-1-").endsWith(", exiting 7\n");
    }

    @Test
    void aTimeoutEndsTheRunDeadlineExceededAndItsProcessIsGone() {
        raffinerie.job(NS, "sleeper", "bash", """
                image: raffinerie.local/bash:5.2
                script: exec sleep 3600
                timeout: 10s
                """);
        raffinerie.run(NS, "sleeper-1", "jobRef", "sleeper", null);
        await("sleep 3600 runs on the node").atMost(REAL).pollInterval(Duration.ofMillis(250))
                .until(() -> processes("sleep 3600"), p -> !p.isEmpty());
        GenericKubernetesResource run = raffinerie.await("DataRun", NS, "sleeper-1", r -> "Failed".equals(status(r).get("phase")));
        assertThat(status(run).get("reason")).isEqualTo("DeadlineExceeded");
        await("sleep 3600 killed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> processes("sleep 3600"), List::isEmpty);
    }

    @Test
    void aCancelKillsTheRunningProcess() {
        raffinerie.job(NS, "long-sleeper", "bash", """
                image: raffinerie.local/bash:5.2
                script: exec sleep 3599
                """);
        raffinerie.run(NS, "long-sleeper-1", "jobRef", "long-sleeper", null);
        await("sleep 3599 runs on the node").atMost(REAL).pollInterval(Duration.ofMillis(250))
                .until(() -> processes("sleep 3599"), p -> !p.isEmpty());
        cluster.kubectl("-n", NS, "patch", "datarun", "long-sleeper-1", "--type", "merge", "-p", "{\"spec\":{\"cancel\":true}}")
                .assertOk();
        raffinerie.await("DataRun", NS, "long-sleeper-1", r -> "Cancelled".equals(status(r).get("phase")));
        await("sleep 3599 killed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> processes("sleep 3599"), List::isEmpty);
    }

    @Test
    void aSecretPrintedByTheScriptIsMaskedInTheTail() {
        raffinerie.job(NS, "leaky", "bash", """
                image: raffinerie.local/bash:5.2
                script: echo "the password is $WAREHOUSE_PASSWORD"
                """);
        succeedsPrinting("leaky-1", "leaky", null, "the password is ****\n");
        assertThat(cluster.kubectl("-n", NS, "logs", "job/leaky-1").assertOk().stdout())
                .as("the real log has it: the tail masked it").contains(SECRET);
    }
}

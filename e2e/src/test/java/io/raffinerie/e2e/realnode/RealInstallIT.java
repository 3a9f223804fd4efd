package io.raffinerie.e2e.realnode;

import static io.raffinerie.e2e.harness.Raffinerie.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.Examples;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.Raffinerie;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The chart as a platform team installs it, on the real node: the operator's own image (e2e/images/build.sh
 * operator), two replicas of its Deployment, the examples really running there; then the leader's process is killed (SIGKILL)
 * while a pipeline runs, and the standby finishes it with no step run twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealInstallIT {
    static final String SYSTEM = "raffinerie-system";
    static final String RELEASE = "raffinerie";
    static final Duration REAL = Duration.ofMinutes(4);
    static final String REAL_NODE_SCHEDULING = Serialization.asJson(Map.of("spec", Map.of("scheduling",
            Map.of("nodeSelector", RealNode.SELECTOR, "tolerations", List.of(RealNode.toleration())))));

    final Cluster cluster = Cluster.get();
    final Raffinerie raffinerie = new Raffinerie(cluster);
    final Path root = cluster.e2eDir().getParent();
    final Examples examples = new Examples(cluster, root, "e2e-real-install-daily-sales-workspace");
    String realNode;
    Path imageValues;
    Path workspace;
    boolean sharedWasRunning;

    @BeforeAll
    void theChartOnTheRealNode() throws IOException {
        realNode = RealNode.assume(cluster).getMetadata().getName();
        imageValues = operatorImageValues().orElse(null);
        Assumptions.assumeTrue(imageValues != null,
                "no operator image in e2e/.work/images-values.yaml: `make e2e-real` builds it (e2e/images/build.sh all)");
        sharedWasRunning = Operator.pauseShared();
        workspace = cluster.e2eDir().resolve("target/real-install-workspace");
        Files.createDirectories(workspace);
        Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwxrwxrwx")); // the pods' uid 1000
        cluster.tool("helm", "uninstall", RELEASE, "-n", SYSTEM, "--wait"); // a release left by an aborted run
        cluster.kubectl("create", "namespace", SYSTEM);
        cluster.kubectl("apply", "--server-side", "--force-conflicts", "-f", root.resolve("crds").toString()).assertOk();
    }

    @AfterAll
    void giveTheClusterBack() {
        if (imageValues == null) {
            return;
        }
        examples.remove();
        cluster.tool("helm", "uninstall", RELEASE, "-n", SYSTEM, "--wait");
        Operator.restoreShared(sharedWasRunning);
    }

    /**
     * The chart's values for the local images (e2e/images/build.sh writes them: the catalog pointed at its images),
     * when they name the operator's image too ({@code build.sh all}).
     */
    private Optional<Path> operatorImageValues() {
        return Optional.of(cluster.e2eDir().resolve(".work/images-values.yaml")).filter(Files::isRegularFile)
                .filter(RealInstallIT::namesAnImage);
    }

    private static boolean namesAnImage(Path values) {
        try {
            return Files.readString(values).contains("repository:");
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    @Order(1)
    void twoReplicasRunOnTheRealNodeAndTheExamplesReallyRun() {
        cluster.tool("helm", "install", RELEASE, root.resolve("helm/raffinerie").toString(), "-n", SYSTEM,
                "--take-ownership", "-f", imageValues.toString(), "--set", "replicas=2", "--set", "dashboard.enabled=false",
                "--set-json", "nodeSelector=" + Serialization.asJson(RealNode.SELECTOR),
                "--set-json", "tolerations=" + Serialization.asJson(List.of(RealNode.toleration())),
                "--wait", "--timeout=5m").assertOk();
        List<Pod> operators = operatorPods();
        assertThat(operators).hasSize(2).allSatisfy(pod -> {
            assertThat(pod.getSpec().getNodeName()).isEqualTo(realNode);
            assertThat(pod.getStatus().getContainerStatuses().get(0).getReady()).isTrue();
        });
        await("a leader").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> operators.stream().anyMatch(p -> p.getMetadata().getName().equals(leaderPod())));

        examples.applyAsGitOps(workspace, () -> cluster.kubectl("patch", "dataenvironment", Examples.NAMESPACE,
                "--type=merge", "-p", REAL_NODE_SCHEDULING).assertOk());
        examples.awaitEverySucceeded();
        GenericKubernetesResource run = raffinerie.get("DataRun", Examples.NAMESPACE, "daily-sales-first");
        assertThat(step(run, "extract").get("logTail")).asString().startsWith("extracted 40 orders for 2026-11-28");
        assertThat(step(run, "load").get("logTail")).asString().contains(" orders, ");
        assertThat(cluster.client().pods().inNamespace(Examples.NAMESPACE).list().getItems())
                .isNotEmpty().allSatisfy(pod -> assertThat(pod.getSpec().getNodeName()).isEqualTo(realNode));
    }

    @Test
    @Order(2)
    void theStandbyFinishesARunWhoseLeaderPodWasKilled() throws IOException {
        raffinerie.create("""
                apiVersion: raffinerie.io/v1alpha1
                kind: DataRun
                metadata: {name: real-handover, namespace: %s}
                spec: {pipelineRef: daily-sales, parameters: {DAY: "2026-11-30"}}
                """.formatted(Examples.NAMESPACE));
        raffinerie.await("DataRun", Examples.NAMESPACE, "real-handover",
                r -> steps(r).stream().anyMatch(step -> "Running".equals(step.get("phase"))));
        String leader = leaseHolder();
        killProcessOf(leaderPod());
        long killedAt = System.nanoTime();
        await("a new lease holder").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !leaseHolder().isEmpty() && !leaseHolder().equals(leader));
        Duration leaseTaken = Duration.ofNanos(System.nanoTime() - killedAt);
        GenericKubernetesResource run = await().atMost(REAL).pollInterval(Duration.ofMillis(250))
                .until(() -> raffinerie.get("DataRun", Examples.NAMESPACE, "real-handover"),
                        r -> "Succeeded".equals(Raffinerie.status(r).get("phase")));
        Duration finished = Duration.ofNanos(System.nanoTime() - killedAt);

        assertThat(steps(run)).allSatisfy(step -> assertThat(step.get("attempts")).as("attempts of %s", step.get("name"))
                .isEqualTo(1));
        assertThat(cluster.client().batch().v1().jobs().inNamespace(Examples.NAMESPACE)
                .withLabel("raffinerie.io/run", "real-handover").list().getItems()).as("one Job per step")
                .hasSize(steps(run).size());
        String figures = """
                leader process SIGKILL -> lease taken by the standby: %d ms
                leader process SIGKILL -> the run Succeeded:          %d ms
                """.formatted(leaseTaken.toMillis(), finished.toMillis());
        System.out.print("[real node] " + figures);
        Files.writeString(cluster.e2eDir().resolve("target/real-leader-handover.txt"), figures);
    }

    private static java.util.Map<String, Object> step(GenericKubernetesResource run, String name) {
        return steps(run).stream().filter(s -> name.equals(s.get("name"))).findFirst().orElseThrow();
    }

    /**
     * SIGKILL to the operator's process in {@code pod}: a crash, so no graceful shutdown releases the lease (deleting
     * the pod, even with --grace-period=0, lets the kubelet send SIGTERM first). The node's containers are processes
     * of this machine; the pod's is the java process whose HOSTNAME is the pod's name.
     */
    private static void killProcessOf(String pod) throws IOException {
        List<Path> candidates;
        try (var procs = Files.list(Path.of("/proc"))) {
            candidates = procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList();
        }
        for (Path proc : candidates) {
            try {
                String environ = Files.readString(proc.resolve("environ"));
                String command = Files.readString(proc.resolve("cmdline"));
                if (command.contains("quarkus-run.jar") && Arrays.asList(environ.split("\0")).contains("HOSTNAME=" + pod)) {
                    new ProcessBuilder("kill", "-KILL", proc.getFileName().toString()).inheritIO().start().waitFor();
                    return;
                }
            } catch (IOException e) {
                // a process that ended meanwhile, or one of another user
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no operator process of pod " + pod + " on this machine");
    }

    private List<Pod> operatorPods() {
        return cluster.client().pods().inNamespace(SYSTEM).withLabel("app.kubernetes.io/component", "operator").list()
                .getItems();
    }


    private String leaseHolder() {
        return Examples.leaseHolder(cluster, SYSTEM);
    }

    /** The pod of the lease holder: its identity is the host name (the pod's name), '_', a process suffix. */
    private String leaderPod() {
        String holder = leaseHolder();
        return holder.contains("_") ? holder.substring(0, holder.lastIndexOf('_')) : holder;
    }
}

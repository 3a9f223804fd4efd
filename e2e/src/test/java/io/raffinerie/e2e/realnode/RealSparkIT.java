package io.raffinerie.e2e.realnode;

import static io.raffinerie.e2e.harness.Raffinerie.status;
import static io.raffinerie.e2e.harness.Raffinerie.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.Raffinerie;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Spark for real (docs/spark.md), on the real node with the spark image of e2e/images/build.sh: spark-submit in the
 * step's Job starts the driver pod, which starts its executors through the API; every pod passes the namespace's
 * restricted Pod Security profile through the operator's templates, and none is left once the step ends, however it
 * ends. Every pod of the namespace is watched, so that the test sees each Spark pod as it ran. Skipped without a real
 * node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealSparkIT {
    static final String NS = "e2e-real-spark";
    static final Duration SPARK = Duration.ofMinutes(6);
    static final String LOCAL_IMAGE = "raffinerie.local/spark:4.3";
    /** Small enough for the real node's 2 cores: the driver and 2 executors ask for a quarter of a core each. */
    static final String SIZES = """
              driver: {cores: 1, memory: 512m, coreRequest: 250m}
              executor: {instances: 2, cores: 1, memory: 512m, coreRequest: 250m}
            """;

    final Cluster cluster = Cluster.get();
    final Raffinerie raffinerie = new Raffinerie(cluster);
    final Map<String, Pod> seen = new ConcurrentHashMap<>();
    Watch watch;
    boolean real;
    String shippedVersions;

    @BeforeAll
    void anEnvironmentPinnedToTheRealNodeAndSparkMirroredThere() {
        RealNode.assume(cluster);
        real = true;
        Operator.shared();
        // As a platform team mirrors its images: the catalog's Spark 4.3 is the image the real node has (a spark job
        // cannot name its own). The operator publishes it to the Spark pod policy.
        shippedVersions = cluster.kubectl("get", "datatechnology", "spark", "-o", "jsonpath={.spec.versions}").assertOk().stdout();
        cluster.kubectl("patch", "datatechnology", "spark", "--type", "merge", "-p",
                "{\"spec\":{\"versions\":" + shippedVersions.replace("apache/spark:4.3.0", LOCAL_IMAGE) + "}}").assertOk();
        await("the Spark pod policy admits " + LOCAL_IMAGE).atMost(Duration.ofSeconds(60)).until(() -> String.valueOf(
                cluster.client().configMaps().inNamespace("raffinerie-system").withName("raffinerie-spark-images").get()
                        .getData()).contains(LOCAL_IMAGE));
        raffinerie.environment(NS, RealNode.SCHEDULING);
        watch = cluster.client().pods().inNamespace(NS).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                // The pod as it ran: a later state that did not run (a Failed exit) is kept only if it never ran.
                seen.merge(pod.getMetadata().getName(), pod, (before, after) -> running(before) && !running(after) ? before : after);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    @AfterAll
    void cleanUp() {
        if (real) {
            watch.close();
            raffinerie.deleteEnvironment(NS);
            cluster.kubectl("patch", "datatechnology", "spark", "--type", "merge", "-p",
                    "{\"spec\":{\"versions\":" + shippedVersions + "}}").assertOk();
        }
    }

    @Test
    void aPySparkJobInClusterModeWithTwoExecutorsComputesAKnownAnswerUnderRestrictedAndLeavesNoPod() {
        raffinerie.job(NS, "squares", "spark", """
                version: "4.3"
                script: |
                  from pyspark.sql import SparkSession
                  spark = SparkSession.builder.appName("squares").getOrCreate()
                  total = spark.sparkContext.parallelize(range(1, 1001), 4).map(lambda x: x * x).sum()
                  print("sum of squares:", total)
                  spark.stop()
                spark:
                %s""".formatted(SIZES.indent(2)));
        Instant start = Instant.now();
        raffinerie.run(NS, "squares-1", "jobRef", "squares", null);
        GenericKubernetesResource run = raffinerie.awaitFinished(NS, "squares-1", SPARK);
        Map<String, Object> step = steps(run).get(0);
        assertThat(status(run).get("phase")).as(String.valueOf(step)).isEqualTo("Succeeded");
        Map<String, Object> spark = spark(step);
        assertThat((String) spark.get("driverLogTail")).contains("sum of squares: 333833500");
        assertThat(spark.get("executors")).isEqualTo(2);
        assertThat((String) spark.get("applicationId")).startsWith("spark-");
        System.out.printf("[spark] PySpark in cluster mode, 2 executors: %s from the run's creation to its end%n",
                Duration.between(start, Instant.now()));
        List<Pod> pods = sparkPods("squares-1");
        assertThat(pods).extracting(p -> p.getMetadata().getLabels().get("spark-role")).containsOnly("driver", "executor")
                .filteredOn("executor"::equals).hasSize(2);
        assertThat(pods).allSatisfy(RealSparkIT::ranRestricted);
        assertThat(cluster.client().namespaces().withName(NS).get().getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        noSparkPodLeft("squares-1");
    }

    @Test
    void aJavaJobRunsFromAJar() {
        raffinerie.job(NS, "pi", "spark", """
                version: "4.3"
                spark:
                  mainApplicationFile: local:///opt/spark/examples/jars/raffinerie-examples.jar
                  mainClass: io.raffinerie.examples.SparkPi
                %sargs: ["4"]
                """.formatted(SIZES));
        raffinerie.run(NS, "pi-1", "jobRef", "pi", null);
        GenericKubernetesResource run = raffinerie.awaitFinished(NS, "pi-1", SPARK);
        assertThat(status(run).get("phase")).as(String.valueOf(steps(run))).isEqualTo("Succeeded");
        assertThat((String) spark(steps(run).get(0)).get("driverLogTail")).containsPattern("Pi is roughly 3\\.1");
        assertThat(sparkPods("pi-1")).allSatisfy(RealSparkIT::ranRestricted);
        noSparkPodLeft("pi-1");
    }

    @Test
    void aDriverThatFailsFailsTheStepThoughSparkSubmitEndsWell() {
        raffinerie.job(NS, "broken", "spark", """
                version: "4.3"
                script: |
                  raise SystemExit("the input bucket is empty")
                spark:
                %s""".formatted(SIZES.indent(2)));
        raffinerie.run(NS, "broken-1", "jobRef", "broken", null);
        GenericKubernetesResource run = raffinerie.awaitFinished(NS, "broken-1", SPARK);
        Map<String, Object> step = steps(run).get(0);
        assertThat(status(run).get("phase")).isEqualTo("Failed");
        assertThat(step.get("reason")).isEqualTo("SparkDriverFailed");
        assertThat((String) spark(step).get("driverLogTail")).contains("the input bucket is empty");
        noSparkPodLeft("broken-1");
    }

    @Test
    void aCancelMidJobRemovesTheDriverAndTheExecutors() {
        raffinerie.job(NS, "slow", "spark", """
                version: "4.3"
                script: |
                  import time
                  from pyspark.sql import SparkSession
                  spark = SparkSession.builder.appName("slow").getOrCreate()
                  spark.sparkContext.parallelize(range(4), 2).map(lambda x: time.sleep(3600) or x).sum()
                spark:
                %s""".formatted(SIZES.indent(2)));
        raffinerie.run(NS, "slow-1", "jobRef", "slow", null);
        await("two executors run").atMost(SPARK).pollInterval(Duration.ofSeconds(1)).until(() -> livePods("slow-1").stream()
                .filter(p -> "executor".equals(p.getMetadata().getLabels().get("spark-role")))
                .filter(p -> "Running".equals(p.getStatus().getPhase())).count() == 2);
        cluster.kubectl("-n", NS, "patch", "datarun", "slow-1", "--type", "merge", "-p", "{\"spec\":{\"cancel\":true}}").assertOk();
        GenericKubernetesResource run = raffinerie.awaitFinished(NS, "slow-1", Duration.ofMinutes(2));
        assertThat(status(run).get("phase")).isEqualTo("Cancelled");
        noSparkPodLeft("slow-1");
    }

    @Test
    void clusterModeNextToLocalModeForTheSameScriptInTheSameImage() {
        String pi = "local:///opt/spark/examples/src/main/python/pi.py";
        raffinerie.job(NS, "pi-cluster", "spark", """
                version: "4.3"
                spark:
                  mainApplicationFile: %s
                %sargs: ["4"]
                """.formatted(pi, SIZES));
        raffinerie.job(NS, "pi-local", "container", """
                image: %s
                command: [/opt/spark/bin/spark-submit, --master, "local[2]", %s, "4"]
                """.formatted(LOCAL_IMAGE, pi.substring("local://".length())));
        for (String job : List.of("pi-cluster", "pi-local")) {
            raffinerie.run(NS, job + "-1", "jobRef", job, null);
            GenericKubernetesResource run = raffinerie.awaitFinished(NS, job + "-1", SPARK);
            assertThat(status(run).get("phase")).as(job + ": " + steps(run)).isEqualTo("Succeeded");
            Map<String, Object> step = steps(run).get(0);
            String tail = step.containsKey("spark") ? (String) spark(step).get("driverLogTail") : (String) step.get("logTail");
            assertThat(tail).as(job).containsPattern("Pi is roughly 3\\.1");
            System.out.printf("[spark] %s: %s from the run's start to its end%n", job,
                    Duration.between(Instant.parse((String) status(run).get("startTime")),
                            Instant.parse((String) status(run).get("completionTime"))));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spark(Map<String, Object> step) {
        assertThat(step).as("a Spark step's status").containsKey("spark");
        return (Map<String, Object>) step.get("spark");
    }

    /** The Spark pods of a run's step, as the watch saw them (each while it ran, when it did). */
    private List<Pod> sparkPods(String run) {
        return seen.values().stream().filter(p -> run.equals(p.getMetadata().getLabels().get("raffinerie.io/spark-submitter")))
                .toList();
    }

    private List<Pod> livePods(String run) {
        return cluster.client().pods().inNamespace(NS).withLabel("raffinerie.io/spark-submitter", run).list().getItems();
    }

    private void noSparkPodLeft(String run) {
        await(run + ": no Spark pod left").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> livePods(run), List::isEmpty);
        assertThat(cluster.client().services().inNamespace(NS).list().getItems())
                .as("the driver's Service goes with it").noneMatch(s -> s.getMetadata().getName().startsWith(run));
    }

    private static boolean running(Pod pod) {
        return pod.getStatus() != null && List.of("Running", "Succeeded").contains(pod.getStatus().getPhase());
    }

    /** The pod ran (admitted by the namespace's restricted profile) with the templates' security context. */
    private static void ranRestricted(Pod pod) {
        assertThat(running(pod)).as(pod.getMetadata().getName() + " ran").isTrue();
        assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        var container = pod.getSpec().getContainers().get(0).getSecurityContext();
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(pod.getSpec().getNodeSelector()).containsEntry(RealNode.LABEL, RealNode.VALUE);
    }
}

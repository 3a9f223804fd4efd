package io.raffinerie.e2e.operator;

import static io.raffinerie.e2e.harness.Raffinerie.eventually;
import static io.raffinerie.e2e.harness.Raffinerie.status;
import static io.raffinerie.e2e.harness.Raffinerie.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.PlantedSecrets;
import io.raffinerie.e2e.harness.Raffinerie;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Job runs end to end: the operator as its own process, KWOK running the pods (annotations on the pod template
 * decide how long they run, how they exit and what they log), exercised through kubectl and the API only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobRunsIT {
    static final String NS = "e2e-jobs";
    static final String SECRET = "pa55-w0rd-from-the-vault";

    final Cluster cluster = Cluster.get();
    final Raffinerie raffinerie = new Raffinerie(cluster);
    Operator operator;

    @BeforeAll
    void environment() {
        operator = Operator.shared();
        raffinerie.environment(NS, """
                variables:
                  - {name: WAREHOUSE_PASSWORD, secretKeyRef: {name: warehouse, key: password}}
                """);
        PlantedSecrets.create(cluster, NS, "warehouse", "password", SECRET);
    }

    @AfterAll
    void cleanUp() {
        assertThat(PlantedSecrets.scanNamespace(cluster, NS)).isEmpty();
        raffinerie.deleteEnvironment(NS);
    }

    private void job(String name, String technology, String extra) {
        raffinerie.job(NS, name, technology, extra);
    }

    private void run(String name, String job, String parameters) {
        raffinerie.run(NS, name, "jobRef", job, parameters == null ? null : "parameters: " + parameters);
    }

    @Test
    void environmentIsProvisionedAndGovernedOnTheLocalCluster() {
        raffinerie.environment("e2e-governed", """
                access:
                  - {role: editor, users: [alice@example.com]}
                network:
                  isolation: Strict
                  egress: [{cidr: 10.20.0.0/16, ports: [5432]}]
                quota: {cpu: "8", memory: 32Gi, pods: 50}
                """);
        try {
            assertThat(cluster.kubectl("get", "ns", "e2e-governed", "-o", "jsonpath={.metadata.labels}").assertOk().stdout())
                    .contains("\"pod-security.kubernetes.io/enforce\":\"restricted\"");
            assertThat(cluster.kubectl("-n", "e2e-governed", "get", "networkpolicies,resourcequotas,serviceaccounts,rolebindings",
                    "-o", "name").assertOk().stdout()).contains("networkpolicy.networking.k8s.io/raffinerie-isolation",
                    "networkpolicy.networking.k8s.io/raffinerie-egress", "resourcequota/raffinerie-quota",
                    "serviceaccount/raffinerie-runner", "rolebinding.rbac.authorization.k8s.io/raffinerie-editor-0");
            assertThat(cluster.kubectl("auth", "can-i", "create", "dataruns.raffinerie.io", "-n", "e2e-governed",
                    "--as", "alice@example.com").stdout().trim()).isEqualTo("yes");
            assertThat(cluster.kubectl("auth", "can-i", "get", "secrets", "-n", "e2e-governed",
                    "--as", "alice@example.com").stdout().trim()).isEqualTo("no");
            assertThat(cluster.kubectl("auth", "can-i", "list", "dataruns.raffinerie.io", "-n", "e2e-governed",
                    "--as", "mallory@example.com").stdout().trim()).isEqualTo("no");
        } finally {
            raffinerie.deleteEnvironment("e2e-governed");
        }
    }

    @Test
    void pythonRunGoesThroughItsPhasesAndShowsWhatItPrinted() {
        job("extract", "python", """
                script: |
                  import os; print("orders for", os.environ["DAY"])
                parameters: [{name: DAY, default: today}]
                podMetadata:
                  annotations:
                    raffinerie.io/sim-duration: 2s
                    raffinerie.io/sim-log: "orders for 2026-11-28"
                """);
        Map<String, Boolean> seen = new ConcurrentHashMap<>();
        run("extract-1", "extract", "{DAY: '2026-11-28'}");
        await().atMost(Raffinerie.TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
            GenericKubernetesResource run = raffinerie.get("DataRun", NS, "extract-1");
            Object phase = run == null ? null : status(run).get("phase");
            if (phase != null) {
                seen.put(phase.toString(), true);
            }
            return "Succeeded".equals(phase);
        });
        assertThat(seen).containsKeys("Running", "Succeeded");

        GenericKubernetesResource run = raffinerie.get("DataRun", NS, "extract-1");
        Map<String, Object> step = steps(run).get(0);
        assertThat(step).containsEntry("phase", "Succeeded").containsEntry("exitCode", 0).containsEntry("attempts", 1);
        assertThat((String) step.get("logTail")).contains("orders for 2026-11-28");
        assertThat(status(run)).containsEntry("trigger", "Manual").containsKey("completionTime");
        String events = cluster.kubectl("-n", NS, "get", "events", "--field-selector", "involvedObject.name=extract-1",
                "-o", "jsonpath={.items[*].reason}").assertOk().stdout();
        assertThat(events).contains("Started").contains("Succeeded");
        String describe = cluster.kubectl("-n", NS, "get", "datajob", "extract").assertOk().stdout();
        assertThat(describe).contains("extract-1").contains("Succeeded");
    }

    @Test
    void secretValuePlantedInTheLogIsMasked() {
        job("leaky", "bash", """
                script: echo "$WAREHOUSE_PASSWORD"
                podMetadata:
                  annotations:
                    raffinerie.io/sim-log: "connecting with $(WAREHOUSE_PASSWORD) to the warehouse"
                """);
        run("leaky-1", "leaky", null);

        GenericKubernetesResource run = raffinerie.awaitPhase(NS, "leaky-1", "Succeeded");
        assertThat((String) steps(run).get(0).get("logTail")).isEqualTo("connecting with **** to the warehouse\n");
        String everything = cluster.kubectl("-n", NS, "get", "dataruns,datajobs,configmaps,events,jobs", "-o", "yaml").assertOk().stdout();
        assertThat(everything).doesNotContain(SECRET);
    }

    @Test
    void theTailOfALogWhoseLastLineIs10KiBAndEndsWithASecretIsItsEndMasked() {
        // 30 KiB of rows, then a 10 KiB line ending with the secret: more than the 32 KiB the operator reads. The
        // long values come from the pod's environment (an annotation holds at most 8 KiB).
        StringBuilder log = new StringBuilder();
        for (int row = 1; row <= 30; row++) {
            log.append("row ").append(row).append(" $(PAD)\\n");
        }
        log.append("last $(LONG) $(WAREHOUSE_PASSWORD)");
        job("long-lines", "bash", """
                script: echo "$WAREHOUSE_PASSWORD"
                env:
                  - {name: PAD, value: %s}
                  - {name: LONG, value: %s}
                podMetadata:
                  annotations:
                    raffinerie.io/sim-log: "%s"
                """.formatted("y".repeat(1000), "x".repeat(10 * 1024), log));
        run("long-lines-1", "long-lines", null);

        GenericKubernetesResource run = raffinerie.awaitPhase(NS, "long-lines-1", "Succeeded");
        String tail = (String) steps(run).get(0).get("logTail");
        assertThat(tail).as("the tail is the end of the log, masked").endsWith("x".repeat(100) + " ****\n");
        assertThat(tail).contains("last x").contains("row 30 y");
        assertThat(tail.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(16 * 1024);
        assertThat(tail).doesNotContain(SECRET.substring(0, 6)).doesNotContain(SECRET.substring(SECRET.length() - 6));
        assertThat(cluster.kubectl("-n", NS, "get", "dataruns,events", "-o", "yaml").assertOk().stdout()).doesNotContain(SECRET);
    }

    @Test
    void failingRunEndsFailedWithItsExitCodeAfterItsRetries() {
        job("broken", "bash", """
                script: exit 3
                retries: 1
                podMetadata:
                  annotations: {raffinerie.io/sim-exit-code: "3"}
                """);
        run("broken-1", "broken", null);

        GenericKubernetesResource run = raffinerie.awaitPhase(NS, "broken-1", "Failed");
        Map<String, Object> step = steps(run).get(0);
        assertThat(step).containsEntry("exitCode", 3).containsEntry("attempts", 2).containsEntry("reason", "BackoffLimitExceeded");
        assertThat(status(run)).containsEntry("message", "exit code 3 after 2 attempts").containsEntry("reason", "StepFailed")
                .containsEntry("progress", "0/1");
    }

    @Test
    void runPastItsTimeoutFailsWithDeadlineExceeded() {
        job("sleepy", "bash", """
                script: sleep 3600
                timeout: 3s
                podMetadata:
                  annotations: {raffinerie.io/sim-duration: 60s}
                """);
        run("sleepy-1", "sleepy", null);

        GenericKubernetesResource run = raffinerie.awaitPhase(NS, "sleepy-1", "Failed");
        assertThat(status(run)).containsEntry("reason", "DeadlineExceeded").containsEntry("message", "ran longer than its timeout of 3s");
    }

    @Test
    void twoOperatorRestartsInTheMiddleOfARunCreateNoSecondJob() {
        job("steady", "bash", """
                script: sleep 6
                podMetadata:
                  annotations: {raffinerie.io/sim-duration: 6s}
                """);
        run("steady-1", "steady", null);
        raffinerie.awaitPhase(NS, "steady-1", "Running");

        operator.kill();
        operator.start();
        operator.kill();
        operator.start();

        raffinerie.awaitPhase(NS, "steady-1", "Succeeded");
        List<Job> jobs = cluster.client().batch().v1().jobs().inNamespace(NS).withLabel("raffinerie.io/run", "steady-1").list().getItems();
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).getStatus().getSucceeded()).isEqualTo(1);
    }

    @Test
    void everyMinuteScheduleRecordsScheduledRunsIncludingOneStartedWhileTheOperatorWasDown() {
        job("minutely", "bash", """
                script: echo tick
                schedule: {cron: "* * * * *"}
                """);
        GenericKubernetesResource first = awaitScheduledRuns(1).get(0);
        assertThat(status(first)).containsEntry("trigger", "Schedule");
        raffinerie.awaitPhase(NS, first.getMetadata().getName(), "Succeeded");

        operator.stop();
        try {
            // The CronJob keeps firing while the operator is down.
            await().atMost(Duration.ofSeconds(130)).pollInterval(Duration.ofSeconds(1)).until(() -> cluster.client().batch().v1()
                    .jobs().inNamespace(NS).withLabel("raffinerie.io/job", "minutely").list().getItems().size() >= 2);
        } finally {
            operator.start();
        }
        List<GenericKubernetesResource> runs = awaitScheduledRuns(2);
        List<Job> jobs = cluster.client().batch().v1().jobs().inNamespace(NS).withLabel("raffinerie.io/job", "minutely").list().getItems();
        eventually(() -> assertThat(runs.stream().map(r -> r.getMetadata().getName()))
                .containsAll(jobs.stream().map(j -> j.getMetadata().getName()).toList()));
        assertThat(runs.stream().map(r -> r.getMetadata().getName()).distinct()).hasSize(runs.size());
        raffinerie.kind("DataJob").inNamespace(NS).withName("minutely").delete();
    }

    private List<GenericKubernetesResource> awaitScheduledRuns(int count) {
        return await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .until(() -> raffinerie.kind("DataRun").inNamespace(NS).withLabel("raffinerie.io/job", "minutely").list().getItems()
                        .stream().filter(r -> "Schedule".equals(status(r).get("trigger"))).toList(), l -> l.size() >= count);
    }

    @Test
    void sparkJobRunsToSucceededWithItsDriverSimulated() {
        job("pi", "spark", """
                spark:
                  mainClass: org.apache.spark.examples.SparkPi
                  mainApplicationFile: local:///opt/spark/examples/jars/spark-examples.jar
                  driver: {cores: 1, memory: 1g}
                  executor: {cores: 1, memory: 1g, instances: 2}
                podMetadata:
                  annotations: {raffinerie.io/sim-log: "Pi is roughly 3.14"}
                """);
        run("pi-1", "pi", null);

        GenericKubernetesResource run = raffinerie.awaitPhase(NS, "pi-1", "Succeeded");
        assertThat((String) steps(run).get(0).get("logTail")).contains("Pi is roughly");
        Job job = cluster.client().batch().v1().jobs().inNamespace(NS).withName("pi-1").get();
        assertThat(job.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("raffinerie-spark");
    }
}

package io.raffinerie.e2e.operator;

import static io.raffinerie.e2e.harness.Raffinerie.status;
import static io.raffinerie.e2e.harness.Raffinerie.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.ControlPlane;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.JobCreations;
import io.raffinerie.e2e.harness.Raffinerie;
import io.raffinerie.testsupport.PrometheusScrape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cluster's bad days: the operator killed over and over, the API server and etcd stopped mid-run, Jobs and pods
 * deleted by hand, parents deleted mid-run. Nothing runs twice, nothing is lost, nothing is left behind.
 * The quick variant runs in {@code make test}; {@code make chaos} runs the long one (20 kills during 100 runs, outages
 * of 30 s) through {@code -Dchaos.kills}, {@code -Dchaos.runs} and {@code -Dchaos.outage-seconds}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// Late, so that what its outages leave behind cannot disturb other suites; LeakScanIT still runs after it.
@org.junit.jupiter.api.Order(Integer.MAX_VALUE - 1)
class ChaosIT {
    static final String NS = "e2e-chaos";
    static final int KILLS = Integer.getInteger("chaos.kills", 6);
    static final int RUNS = Integer.getInteger("chaos.runs", 40);
    static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("chaos.outage-seconds", 15));

    final Cluster cluster = Cluster.get();
    final Raffinerie raffinerie = new Raffinerie(cluster);
    final StringBuilder report = new StringBuilder();
    Operator operator;

    @BeforeAll
    void environment() {
        operator = Operator.shared();
        raffinerie.environment(NS, null);
        job("quick", "0s", 0);
        job("second", "1s", 0);
        job("slow", "2s", 0);
        raffinerie.pipeline(NS, "chain", """
                - {name: a, jobRef: quick}
                - {name: b, jobRef: second, dependsOn: [a]}
                - {name: c, jobRef: quick, dependsOn: [b]}
                """, "history: {succeeded: 1000, failed: 1000}");
        raffinerie.pipeline(NS, "long", """
                - {name: a, jobRef: slow}
                - {name: b, jobRef: slow, dependsOn: [a]}
                - {name: c, jobRef: slow, dependsOn: [b]}
                - {name: d, jobRef: slow, dependsOn: [c]}
                """, "history: {succeeded: 1000, failed: 1000}");
    }

    @AfterAll
    void cleanUp() throws IOException {
        Files.createDirectories(cluster.e2eDir().resolve("target"));
        Files.writeString(cluster.e2eDir().resolve("target/chaos.txt"), report.toString());
        raffinerie.deleteEnvironment(NS);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> cluster.client().namespaces().withName(NS).get() == null);
    }

    private void job(String name, String duration, int retries) {
        raffinerie.job(NS, name, "bash", """
                script: echo %s
                retries: %d
                history: {succeeded: 1000, failed: 1000}
                podMetadata:
                  annotations: {raffinerie.io/sim-duration: "%s"}
                """.formatted(name, retries, duration));
    }

    @Test
    @Order(1)
    void operatorKilledOverAndOverDuringAHundredRunsLosesAndRepeatsNothing() {
        JobCreations created = new JobCreations(cluster, NS, "kill-");
        List<String> runs = IntStream.range(0, RUNS).mapToObj(i -> i % 2 == 0 ? "kill-job-" + i : "kill-chain-" + i).toList();
        Random random = new Random(7);
        int kills = 0;
        Instant lastRestart;
        try {
            for (String run : runs) {
                raffinerie.run(NS, run, run.startsWith("kill-job") ? "jobRef" : "pipelineRef",
                        run.startsWith("kill-job") ? "second" : "chain", null);
            }
            while (kills < KILLS) {
                sleep(200 + random.nextInt(1500));
                operator.kill();
                kills++;
                operator.start();
            }
            lastRestart = Instant.now();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> raffinerie.finished(NS, runs) == runs.size());
        } finally {
            created.close();
        }
        Duration tail = Duration.between(lastRestart, Instant.now());
        for (String run : runs) {
            GenericKubernetesResource done = raffinerie.get("DataRun", NS, run);
            assertThat(status(done)).as(run).containsEntry("phase", "Succeeded");
            assertThat(steps(done)).as(run).allSatisfy(step -> {
                assertThat(step).containsEntry("phase", "Succeeded");
                assertThat(step).containsEntry("attempts", 1);
            });
        }
        int expectedJobs = RUNS / 2 + (RUNS - RUNS / 2) * 3;
        assertThat(created.uidsByName()).as("one Job per run and step").hasSize(expectedJobs);
        assertThat(created.uidsByName().values()).as("no Job was created twice").allSatisfy(uids -> assertThat(uids).hasSize(1));
        List<String> orphans = orphans();
        assertThat(orphans).as("Jobs and pods whose owner is gone").isEmpty();
        report.append("SIGKILL: ").append(kills).append(" kills during ").append(RUNS).append(" runs (").append(expectedJobs)
                .append(" Jobs): every run Succeeded, every Job created once, all terminal ").append(tail.toMillis())
                .append(" ms after the last restart; orphaned Jobs or pods: ").append(orphans.size()).append('\n');
    }

    @Test
    @Order(2)
    void apiServerStoppedTwiceMidRun() {
        ControlPlane controlPlane = new ControlPlane(cluster);
        // The first step outlasts both outages: KWOK's simulated kubelets back off for minutes when a pod update
        // fails, where real kubelets would not; the operator's own recovery is what is under test.
        long outlast = 2 * (OUTAGE.toSeconds() + 25) + 20;
        job("outlast", outlast + "s", 0);
        raffinerie.pipeline(NS, "across", "- {name: a, jobRef: outlast}\n- {name: b, jobRef: quick, dependsOn: [a]}\n", null);
        List<String> runs = IntStream.range(0, 10).mapToObj(i -> "apiserver-" + i).toList();
        runs.forEach(run -> raffinerie.run(NS, run, "pipelineRef", "across", null));
        raffinerie.awaitPhase(NS, runs.get(0), "Running");
        OutageWatch watch = new OutageWatch();
        for (int outage = 0; outage < 2; outage++) {
            controlPlane.restart("kube-apiserver", OUTAGE);
            awaitApiServer(controlPlane);
            assertThat(operator.isAlive()).as("the operator rides out the outage").isTrue();
        }
        awaitSucceeded(runs);
        report.append("kube-apiserver: stopped twice for ").append(OUTAGE.toSeconds())
                .append(" s mid-run; the operator stayed up; ").append(runs.size())
                .append(" 2-step runs Succeeded, each step once; ").append(watch.survived()).append('\n');
    }

    @Test
    @Order(3)
    void etcdStoppedMidRun() {
        ControlPlane controlPlane = new ControlPlane(cluster);
        List<String> runs = IntStream.range(0, 10).mapToObj(i -> "etcd-" + i).toList();
        runs.forEach(run -> raffinerie.run(NS, run, "pipelineRef", "long", null));
        raffinerie.awaitPhase(NS, runs.get(0), "Running");
        OutageWatch watch = new OutageWatch();
        controlPlane.restart("etcd", OUTAGE);
        awaitApiServer(controlPlane);
        assertThat(operator.isAlive()).isTrue();
        awaitSucceeded(runs);
        report.append("etcd: stopped for ").append(OUTAGE.toSeconds()).append(" s mid-run; ").append(runs.size())
                .append(" 4-step runs Succeeded, each step once; ").append(watch.survived()).append('\n');
    }

    @Test
    @Order(4)
    void aStepsJobOrPodDeletedByHandFailsWithAReasonOrIsRetried() {
        job("fragile", "30s", 0);
        raffinerie.run(NS, "job-deleted", "jobRef", "fragile", null);
        raffinerie.await("DataRun", NS, "job-deleted", r -> !steps(r).isEmpty() && "Running".equals(steps(r).get(0).get("phase")));
        cluster.kubectl("-n", NS, "delete", "job", "job-deleted", "--wait=false").assertOk();
        GenericKubernetesResource lost = raffinerie.awaitPhase(NS, "job-deleted", "Failed");
        assertThat(steps(lost).get(0)).containsEntry("reason", "JobDeleted");

        job("retried", "3s", 1);
        raffinerie.run(NS, "pod-deleted", "jobRef", "retried", null);
        raffinerie.await("DataRun", NS, "pod-deleted", r -> !steps(r).isEmpty() && "Running".equals(steps(r).get(0).get("phase")));
        cluster.kubectl("-n", NS, "delete", "pod", "-l", "batch.kubernetes.io/job-name=pod-deleted", "--wait=false").assertOk();
        GenericKubernetesResource retried = raffinerie.awaitPhase(NS, "pod-deleted", "Succeeded");
        assertThat(steps(retried).get(0)).containsEntry("attempts", 2);
        report.append("deleted children: a running step's Job deleted -> step Failed, reason JobDeleted; its pod deleted -> "
                + "retried, Succeeded on attempt 2\n");
    }

    @Test
    @Order(5)
    void runsFinishWhenTheirJobOrPipelineIsDeletedAndLeaveNothingBehind() {
        job("doomed", "3s", 0);
        raffinerie.pipeline(NS, "doomed-pipeline", "- {name: a, jobRef: slow}\n- {name: b, jobRef: slow, dependsOn: [a]}\n", null);
        raffinerie.run(NS, "orphan-job-run", "jobRef", "doomed", null);
        raffinerie.run(NS, "orphan-pipeline-run", "pipelineRef", "doomed-pipeline", null);
        raffinerie.awaitPhase(NS, "orphan-job-run", "Running");
        raffinerie.awaitPhase(NS, "orphan-pipeline-run", "Running");
        raffinerie.kind("DataJob").inNamespace(NS).withName("doomed").delete();
        raffinerie.kind("DataPipeline").inNamespace(NS).withName("doomed-pipeline").delete();
        raffinerie.awaitPhase(NS, "orphan-job-run", "Succeeded");
        raffinerie.awaitPhase(NS, "orphan-pipeline-run", "Succeeded");

        // Deleting the runs takes their Jobs and pods with them: nothing orphaned.
        raffinerie.kind("DataRun").inNamespace(NS).delete();
        Raffinerie.eventually(() -> {
            assertThat(cluster.client().batch().v1().jobs().inNamespace(NS).list().getItems()).isEmpty();
            assertThat(cluster.client().pods().inNamespace(NS).list().getItems()).isEmpty();
        });
        report.append("deleted parents: a running job's DataJob and a running pipeline's DataPipeline deleted -> both runs "
                + "Succeeded; runs deleted -> no Job or pod left\n");
    }

    @Test
    @Order(6)
    void aClientThrottledToTwoRequestsPerSecondIsSlowerAndDropsNothing() {
        JobCreations created = new JobCreations(cluster, NS, "kill-");
        boolean sharedWasRunning = Operator.pauseShared();
        Operator throttled = Operator.separate(cluster, Operator.separatePort(9), cluster.kubeconfig(),
                Map.of("RAFFINERIE_CLIENT_QPS", "2", "RAFFINERIE_CLIENT_BURST", "2"));
        List<String> runs = IntStream.range(0, 5).mapToObj(i -> "kill-slow-" + i).toList();
        Instant start = Instant.now();
        try {
            throttled.start();
            runs.forEach(run -> raffinerie.run(NS, run, "pipelineRef", "chain", null));
            awaitSucceeded(runs);
        } finally {
            created.close();
            throttled.stop();
            Operator.restoreShared(sharedWasRunning);
        }
        assertThat(created.uidsByName()).as("one Job per step").hasSize(runs.size() * 3);
        assertThat(created.uidsByName().values()).as("no Job was created twice").allSatisfy(uids -> assertThat(uids).hasSize(1));
        report.append("client throttled to 2 requests/s (burst 2): ").append(runs.size()).append(" 3-step runs Succeeded in ")
                .append(Duration.between(start, Instant.now()).toSeconds()).append(" s, each Job created once\n");
    }

    @Test
    @Order(7)
    void anEnvironmentDeletedMidRunTakesItsRunsJobsAndPodsWithIt() {
        String gone = NS + "-gone";
        raffinerie.environment(gone, null);
        raffinerie.job(gone, "long-job", "bash", """
                script: echo long
                podMetadata:
                  annotations: {raffinerie.io/sim-duration: "60s"}
                """);
        raffinerie.run(gone, "doomed-1", "jobRef", "long-job", null);
        raffinerie.awaitPhase(gone, "doomed-1", "Running");
        raffinerie.deleteEnvironment(gone);
        // deletionPolicy Delete: the namespace goes, and with it the run, its Job and its pod.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> cluster.client().namespaces().withName(gone).get() == null);
        assertThat(cluster.client().batch().v1().jobs().inAnyNamespace().withLabel("raffinerie.io/run", "doomed-1").list()
                .getItems()).isEmpty();
        assertThat(cluster.client().pods().inAnyNamespace().withLabel("raffinerie.io/run", "doomed-1").list().getItems()).isEmpty();
        assertThat(operator.isAlive()).isTrue();
        report.append("deleted environment (deletionPolicy Delete) mid-run: its namespace, run, Job and pod are gone\n");
    }

    /**
     * The operator across an outage: its process, JOSDK's reconciliation counts (failures are retried with backoff,
     * not in a loop) and the informers' logged retries. While the API server is away no event arrives, so no
     * reconciliation runs to fail: the informers retry their list and watch with fabric8's backoff, and log it.
     */
    private final class OutageWatch {
        private final PrometheusScrape before = PrometheusScrape.of(operator.metrics());
        private final long pid = operator.pid();
        private final long watchRetriesBefore = watchRetries();

        /** Checks that the same process rode it out, and says what the metrics and the log saw. */
        String survived() {
            assertThat(operator.pid()).as("the same operator process throughout: no crash, no restart").isEqualTo(pid);
            PrometheusScrape after = PrometheusScrape.of(operator.metrics());
            return String.format("reconciliations %.0f started, %.0f failed, %.0f retries (JOSDK metrics); "
                    + "%d informer list/watch retries logged",
                    after.increaseSince(before, "reconciliations_started_total", Map.of()),
                    after.increaseSince(before, "reconciliations_failure_total", Map.of()),
                    after.increaseSince(before, "reconciliations_retries_total", Map.of()),
                    watchRetries() - watchRetriesBefore);
        }

        private long watchRetries() {
            return operator.log().lines().filter(line -> line.contains("will retry") || line.contains("will reconnect if possible"))
                    .count();
        }
    }

    /** Jobs whose DataRun is gone and pods whose Job is gone, in the namespace. */
    private List<String> orphans() {
        Set<String> runs = raffinerie.kind("DataRun").inNamespace(NS).list().getItems().stream()
                .map(r -> r.getMetadata().getUid()).collect(Collectors.toSet());
        List<Job> jobs = cluster.client().batch().v1().jobs().inNamespace(NS).list().getItems();
        Set<String> jobUids = jobs.stream().map(j -> j.getMetadata().getUid()).collect(Collectors.toSet());
        Stream<String> orphanJobs = jobs.stream()
                .filter(j -> j.getMetadata().getOwnerReferences().stream().noneMatch(o -> runs.contains(o.getUid())))
                .map(j -> "Job " + j.getMetadata().getName());
        Stream<String> orphanPods = cluster.client().pods().inNamespace(NS).list().getItems().stream()
                .filter(p -> p.getMetadata().getOwnerReferences().stream().noneMatch(o -> jobUids.contains(o.getUid())))
                .map(p -> "pod " + p.getMetadata().getName());
        return Stream.concat(orphanJobs, orphanPods).toList();
    }

    /**
     * The API server answers again; the components that gave up during the outage are started again. The scheduler
     * and the controller manager must not have given up: the local cluster runs them without leader election, whose
     * lost lease would make them exit for good (up.sh).
     */
    private void awaitApiServer(ControlPlane controlPlane) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> cluster.kubectl("get", "--raw", "/readyz").exitCode() == 0);
        List<String> restarted = controlPlane.restartStopped();
        assertThat(restarted).as("components that exited during the outage").doesNotContain("kube-scheduler", "kube-controller-manager");
        if (!restarted.isEmpty()) {
            report.append("  (restarted after the outage, as a kubelet would: ").append(String.join(", ", restarted)).append(")\n");
        }
    }

    private void awaitSucceeded(List<String> runs) {
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).until(() -> raffinerie.finished(NS, runs) == runs.size());
        for (String run : runs) {
            GenericKubernetesResource done = raffinerie.get("DataRun", NS, run);
            assertThat(status(done)).as(run).containsEntry("phase", "Succeeded");
            assertThat(steps(done)).as(run).allSatisfy(step -> assertThat(step).containsEntry("attempts", 1));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException(e));
        }
    }
}

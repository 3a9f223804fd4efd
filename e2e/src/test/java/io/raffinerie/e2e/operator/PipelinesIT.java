package io.raffinerie.e2e.operator;

import static io.raffinerie.e2e.harness.Raffinerie.status;
import static io.raffinerie.e2e.harness.Raffinerie.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.JobCreations;
import io.raffinerie.e2e.harness.Raffinerie;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Pipelines end to end on the local cluster, with the operator as its own process. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelinesIT {
    static final String NS = "e2e-pipelines";

    final Cluster cluster = Cluster.get();
    final Raffinerie raffinerie = new Raffinerie(cluster);
    Operator operator;

    @BeforeAll
    void environment() {
        operator = Operator.shared();
        raffinerie.environment(NS, null);
        for (String name : List.of("extract", "clean", "enrich", "load")) {
            job(name, "2s");
        }
        job("quick", "0s");
    }

    @AfterAll
    void cleanUp() {
        raffinerie.deleteEnvironment(NS);
    }

    private void job(String name, String duration) {
        raffinerie.job(NS, name, "bash", """
                script: echo %s
                podMetadata:
                  annotations: {raffinerie.io/sim-duration: "%s", raffinerie.io/sim-log: "%s done"}
                """.formatted(name, duration, name));
    }

    private void pipeline(String name, String stepsYaml, String extra) {
        raffinerie.pipeline(NS, name, stepsYaml, extra);
    }

    private void run(String name, String pipeline) {
        raffinerie.run(NS, name, "pipelineRef", pipeline, null);
    }

    private static final String DAILY_SALES = """
            - {name: extract, jobRef: extract}
            - {name: clean, jobRef: clean, dependsOn: [extract]}
            - {name: enrich, jobRef: enrich, dependsOn: [extract]}
            - {name: load, jobRef: load, dependsOn: [clean, enrich]}
            """;

    @Test
    void fourStepPipelineSucceedsWithItsBranchesOverlappingInTime() {
        pipeline("daily-sales", DAILY_SALES, null);
        run("daily-sales-1", "daily-sales");

        GenericKubernetesResource run = raffinerie.awaitPhase(NS, "daily-sales-1", "Succeeded");
        assertThat(steps(run)).extracting(s -> s.get("name") + "=" + s.get("phase"))
                .containsExactly("extract=Succeeded", "clean=Succeeded", "enrich=Succeeded", "load=Succeeded");
        assertThat(steps(run)).allSatisfy(s -> assertThat((String) s.get("logTail")).endsWith("done\n"));
        Job clean = cluster.client().batch().v1().jobs().inNamespace(NS).withName("daily-sales-1-clean").get();
        Job enrich = cluster.client().batch().v1().jobs().inNamespace(NS).withName("daily-sales-1-enrich").get();
        Instant cleanStart = Instant.parse(clean.getStatus().getStartTime());
        Instant cleanEnd = Instant.parse(clean.getStatus().getCompletionTime());
        Instant enrichStart = Instant.parse(enrich.getStatus().getStartTime());
        Instant enrichEnd = Instant.parse(enrich.getStatus().getCompletionTime());
        assertThat(cleanStart).as("the branches overlap").isBefore(enrichEnd);
        assertThat(enrichStart).as("the branches overlap").isBefore(cleanEnd);
        String table = cluster.kubectl("-n", NS, "get", "dpipe", "daily-sales").assertOk().stdout();
        assertThat(table).contains("daily-sales-1").contains("4/4");
    }

    @Test
    void aFinallyStepAlertsWhenAStepTwoLevelsUpFailed() {
        raffinerie.job(NS, "fetch", "bash", """
                script: exit 1
                podMetadata:
                  annotations: {raffinerie.io/sim-exit-code: "1", raffinerie.io/sim-log: "fetch: the source is down"}
                """);
        raffinerie.job(NS, "notify", "bash", """
                script: 'echo "ALERT: run $RAFFINERIE_RUN_OUTCOME, failed steps: $RAFFINERIE_FAILED_STEPS"'
                podMetadata:
                  annotations: {raffinerie.io/sim-log: "ALERT: run $(RAFFINERIE_RUN_OUTCOME), failed steps: $(RAFFINERIE_FAILED_STEPS)"}
                """);
        pipeline("scoring", """
                - {name: fetch, jobRef: fetch}
                - {name: score, jobRef: quick, dependsOn: [fetch]}
                - {name: dedupe, jobRef: quick, dependsOn: [fetch]}
                - {name: alert, jobRef: notify, dependsOn: [score, dedupe], when: AnyFailed}
                """, """
                finally:
                  - {name: notify, jobRef: notify, when: Failed}
                  - {name: publish, jobRef: quick, when: Succeeded}
                """);
        run("scoring-1", "scoring");

        GenericKubernetesResource run = raffinerie.awaitPhase(NS, "scoring-1", "Failed");
        assertThat(steps(run)).extracting(s -> s.get("name") + "=" + s.get("phase")).containsExactly("fetch=Failed",
                "score=Skipped", "dedupe=Skipped", "alert=Skipped", "notify=Succeeded", "publish=Skipped");
        Map<String, Object> notify = steps(run).stream().filter(s -> "notify".equals(s.get("name"))).findFirst().orElseThrow();
        assertThat(notify.get("finally")).isEqualTo(true);
        assertThat((String) notify.get("logTail")).contains("ALERT: run Failed, failed steps: fetch");
        assertThat(status(run).get("message")).asString().startsWith("step fetch failed");
    }

    @Test
    void operatorKilledAtRandomDuringTwentyRunsCreatesEveryStepJobExactlyOnce() {
        pipeline("chain", """
                - {name: a, jobRef: quick}
                - {name: b, jobRef: quick, dependsOn: [a]}
                - {name: c, jobRef: quick, dependsOn: [a]}
                - {name: d, jobRef: quick, dependsOn: [b, c]}
                """, "history: {succeeded: 100, failed: 100}");
        List<String> runs = IntStream.rangeClosed(1, 20).mapToObj(i -> "chain-" + i).toList();
        JobCreations created = new JobCreations(cluster, NS, "chain-");
        Random random = new Random(42);
        try {
            runs.forEach(run -> run(run, "chain"));
            int kills = 0;
            while (kills < 6 && !allFinished(runs)) {
                sleep(200 + random.nextInt(1500));
                operator.kill();
                kills++;
                operator.start();
            }
            assertThat(kills).as("the operator was killed mid-way").isGreaterThanOrEqualTo(1);
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> allFinished(runs));
        } finally {
            created.close();
            System.out.println(cluster.kubectl("-n", NS, "get", "dataruns,jobs").stdout());
        }
        for (String run : runs) {
            assertThat(status(raffinerie.get("DataRun", NS, run))).containsEntry("phase", "Succeeded");
        }
        List<Job> jobs = cluster.client().batch().v1().jobs().inNamespace(NS).withLabel("raffinerie.io/run").list().getItems()
                .stream().filter(j -> j.getMetadata().getName().startsWith("chain-")).toList();
        assertThat(jobs).hasSize(80);
        assertThat(created.uidsByName().values()).as("no Job was created twice").allSatisfy(uids -> assertThat(uids).hasSize(1));
        assertThat(jobs).allSatisfy(j -> assertThat(j.getStatus().getSucceeded()).isEqualTo(1));
    }

    private boolean allFinished(List<String> runs) {
        return raffinerie.finished(NS, runs) == runs.size();
    }

    @Test
    void stepTransitionLatencyOverTwoHundredTransitions() throws IOException {
        StringBuilder steps = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            steps.append("- {name: s").append(i).append(", jobRef: quick").append(i == 1 ? "" : ", dependsOn: [s" + (i - 1) + "]")
                    .append("}\n");
        }
        pipeline("ten", steps.toString(), "history: {succeeded: 100, failed: 100}");
        Map<String, Long> completed = new ConcurrentHashMap<>();
        Map<String, Long> added = new ConcurrentHashMap<>();
        Watch watch = cluster.client().batch().v1().jobs().inNamespace(NS).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Job job) {
                long now = System.nanoTime();
                String name = job.getMetadata().getName();
                if (action == Action.ADDED) {
                    added.putIfAbsent(name, now);
                }
                if (job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions().stream()
                        .anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus()))) {
                    completed.putIfAbsent(name, now);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
        List<String> runs = IntStream.rangeClosed(1, 25).mapToObj(i -> "ten-" + i).toList();
        try {
            runs.forEach(run -> run(run, "ten"));
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).until(() -> allFinished(runs));
        } finally {
            watch.close();
        }
        List<Long> latencies = new ArrayList<>();
        for (String run : runs) {
            for (int i = 1; i < 10; i++) {
                Long done = completed.get(run + "-s" + i);
                Long next = added.get(run + "-s" + (i + 1));
                if (done != null && next != null) {
                    latencies.add((next - done) / 1_000_000);
                }
            }
        }
        assertThat(latencies).hasSizeGreaterThanOrEqualTo(200);
        List<Long> sorted = latencies.stream().sorted().collect(Collectors.toList());
        String report = "step transitions observed by a watcher (Job Complete event -> next Job ADDED event), 25 concurrent "
                + "10-step pipelines: n=" + sorted.size() + " p50=" + sorted.get(sorted.size() / 2) + "ms p90="
                + sorted.get(sorted.size() * 9 / 10) + "ms p99=" + sorted.get(sorted.size() * 99 / 100) + "ms max="
                + sorted.get(sorted.size() - 1) + "ms\n";
        Path out = cluster.e2eDir().resolve("target/step-latency.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.print(report);
    }

    @Test
    void scheduleFiresEveryMinuteAndALatestCatchUpRunFollowsAnOutage() {
        pipeline("minutely", "- {name: a, jobRef: quick}\n", "schedule: {cron: \"* * * * *\", missedRuns: Latest}");
        GenericKubernetesResource first = awaitScheduledRuns(1).get(0);
        Instant firstTime = Instant.parse(first.getMetadata().getAnnotations().get("raffinerie.io/scheduled-time"));
        assertThat(firstTime.getEpochSecond() % 60).as("at a minute boundary").isZero();
        raffinerie.awaitPhase(NS, first.getMetadata().getName(), "Succeeded");

        operator.stop();
        Instant stoppedAt = Instant.now();
        try {
            // Down across at least one scheduled minute.
            sleep(Duration.between(Instant.now(), stoppedAt.plusSeconds(75)).toMillis());
        } finally {
            operator.start();
        }
        List<GenericKubernetesResource> runs = awaitScheduledRuns(2);
        assertThat(runs).allSatisfy(r -> assertThat(status(r)).containsEntry("trigger", "Schedule"));
        List<Instant> times = runs.stream().map(r -> Instant.parse(r.getMetadata().getAnnotations()
                .get("raffinerie.io/scheduled-time"))).sorted().toList();
        assertThat(times).doesNotHaveDuplicates();
        assertThat(times.get(1)).as("the catch-up run is for a minute while the operator was down").isAfter(stoppedAt);
        raffinerie.kind("DataPipeline").inNamespace(NS).withName("minutely").delete();
    }

    private List<GenericKubernetesResource> awaitScheduledRuns(int count) {
        return await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .until(() -> raffinerie.kind("DataRun").inNamespace(NS).withLabel("raffinerie.io/pipeline", "minutely").list()
                        .getItems(), l -> l.size() >= count);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(0, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

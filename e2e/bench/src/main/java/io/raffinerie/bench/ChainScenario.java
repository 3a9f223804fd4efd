package io.raffinerie.bench;

import static io.raffinerie.bench.BenchContext.log;

import io.raffinerie.e2e.harness.Raffinerie;
import io.raffinerie.testsupport.PrometheusScrape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

/**
 * Scenarios 1 and 2: chains of sequential steps whose pods complete at once, run by Raffinerie (one DataPipeline, one
 * DataRun per chain) and then by the baseline driver (bare Jobs), both observed by the same {@link JobChainWatcher}.
 */
final class ChainScenario {
    static final String NAMESPACE = "bench-chains";
    static final String BASELINE_NAMESPACE = "bench-baseline";
    static final Duration TIMEOUT = Duration.ofMinutes(10);
    /** The operator's client in the audit log: fabric8's default user agent (the bench's own is {@link AuditLog#BENCH_AGENT}). */
    static final String RAFFINERIE_CLIENT = "fabric8-kubernetes-client";

    private final BenchContext ctx;

    ChainScenario(BenchContext ctx) {
        this.ctx = ctx;
    }

    /** Latencies and wall times of one side: watcher p50/p99 (ms) and the wall time (s). */
    record Side(Stats watcher, Stats api, double wallSeconds) {
    }

    void run() {
        int chains = ctx.scale.chains();
        int steps = ctx.scale.steps();
        Side raffinerie = raffinerie(chains, steps);
        Side baseline = baseline(chains, steps);
        String shape = chains + " × " + steps;
        ctx.report.row("1 step transition", "watcher p50 / p90 / p99 (" + shape + ")", ms(raffinerie.watcher().p50()) + " / "
                + ms(raffinerie.watcher().p90()) + " / " + ms(raffinerie.watcher().p99()), "p50 ≤ 50 ms", ctx.scale.judged(raffinerie.watcher().p50() <= 50));
        ctx.report.row("1 step transition", "API timestamps p50 / p90 / p99 (1 s resolution)", ms(raffinerie.api().p50()) + " / "
                + ms(raffinerie.api().p90()) + " / " + ms(raffinerie.api().p99()), null, null);
        ctx.report.row("2 baseline", "baseline driver watcher p50 / p99", ms(baseline.watcher().p50()) + " / "
                + ms(baseline.watcher().p99()), null, null);
        ctx.report.row("2 baseline", "ratio Raffinerie / baseline p50, p99", ratio(raffinerie.watcher().p50(), baseline.watcher().p50())
                + ", " + ratio(raffinerie.watcher().p99(), baseline.watcher().p99()), null, null);
        ctx.report.row("2 baseline", "wall time Raffinerie / baseline", "%.1f s / %.1f s = %s".formatted(raffinerie.wallSeconds(),
                baseline.wallSeconds(), ratio(raffinerie.wallSeconds(), baseline.wallSeconds())), null, null);
    }

    private Side raffinerie(int chains, int steps) {
        log("chains: " + chains + " pipelines of " + steps + " steps, Raffinerie");
        ctx.raffinerie.environment(NAMESPACE, null);
        ctx.raffinerie.job(NAMESPACE, "quick", "container", "image: registry.invalid/sim:1\ncommand: [\"true\"]\n"
                + "history: {succeeded: 1000, failed: 1000}");
        StringBuilder stepsYaml = new StringBuilder();
        for (int i = 1; i <= steps; i++) {
            stepsYaml.append("- {name: s").append(i).append(", jobRef: quick").append(i == 1 ? "" : ", dependsOn: [s" + (i - 1) + "]")
                    .append("}\n");
        }
        ctx.raffinerie.pipeline(NAMESPACE, "chain", stepsYaml.toString(), "history: {succeeded: 1000, failed: 1000}");
        PrometheusScrape before = OperatorProbe.scrape(ctx.operator);
        AuditLog audit = ctx.audit();
        long mark = audit.mark();
        try (JobChainWatcher watcher = new JobChainWatcher(ctx.client, NAMESPACE); BulkCreator creator = new BulkCreator(8);
                PodChainWatcher pods = new PodChainWatcher(ctx.client, NAMESPACE, "c", PodChainWatcher::jobStep)) {
            long start = JobChainWatcher.now();
            List<Runnable> runs = new ArrayList<>();
            for (int chain = 1; chain <= chains; chain++) {
                String name = "c-%03d".formatted(chain);
                runs.add(() -> ctx.create("{apiVersion: %s, kind: DataRun, metadata: {name: %s, namespace: %s}, spec: {pipelineRef: chain}}"
                        .formatted(Raffinerie.API_VERSION, name, NAMESPACE)));
            }
            creator.createAll(runs);
            BenchContext.await("every chain's Jobs Complete", TIMEOUT, Duration.ofMillis(500),
                    () -> watcher.completedCount("c") >= chains * steps);
            // From the first Job to the last Complete, as for the baseline (whose JVM start is not counted).
            double wall = (watcher.lastCompletion("c").orElseThrow() - watcher.firstAdded("c").orElseThrow()) / 1000.0;
            BenchContext.await("every run Succeeded", TIMEOUT, Duration.ofMillis(500), () -> ctx.list("DataRun", NAMESPACE).stream()
                    .filter(r -> "Succeeded".equals(Raffinerie.status(r).get("phase"))).count() >= chains);
            double succeeded = (JobChainWatcher.now() - start) / 1000.0;
            BulkCreator.sleep(EngineScenario.SETTLE.toMillis());
            ctx.engines.add("raffinerie", "Raffinerie", RAFFINERIE_CLIENT).chains(pods, chains, steps, audit.writesSince(mark, NAMESPACE));
            PrometheusScrape after = OperatorProbe.scrape(ctx.operator);
            Side side = new Side(Stats.of(watcher.watcherLatencies("c", chains, steps)), Stats.of(watcher.apiLatencies("c", chains, steps)), wall);
            record("raffinerie", side);
            ctx.report.result("chains", "raffinerieAllRunsSucceededSeconds", succeeded);
            ApiEfficiency.recordWrites(ctx, "chains", before, after, chains * steps, chains);
            // The operator's own view: from seeing a step's upstream done to the next Job created, and its reconciliations.
            ctx.report.result("chains", "operatorStepTransitionMeanMs", meanMs(before, after, "raffinerie_step_transition_seconds", Map.of()));
            ctx.report.result("chains", "dataRunReconciliationMeanMs", meanMs(before, after, "reconciliations_execution_duration_seconds",
                    Map.of("controller_name", "datarun")));
            ctx.report.result("chains", "dataRunReconciliations", after.sum("reconciliations_success_total", Map.of("controller_name", "datarun"))
                    - before.sum("reconciliations_success_total", Map.of("controller_name", "datarun")));
            return side;
        }
    }

    private Side baseline(int chains, int steps) {
        log("chains: the same with the baseline driver");
        ctx.cluster.kubectl("create", "namespace", BASELINE_NAMESPACE);
        AuditLog audit = ctx.audit();
        long mark = audit.mark();
        try (JobChainWatcher watcher = new JobChainWatcher(ctx.client, BASELINE_NAMESPACE);
                PodChainWatcher pods = new PodChainWatcher(ctx.client, BASELINE_NAMESPACE, "b", PodChainWatcher::jobStep)) {
            EngineComparison.Figures figures = ctx.engines.add(EngineComparison.BASELINE, "bare Jobs (baseline)", BaselineDriver.CLIENT);
            figures.peakRssMiB = runDriver(BASELINE_NAMESPACE, "b", chains, steps);
            figures.rssMiB = figures.peakRssMiB;
            figures.note = "RSS: the driver's JVM at its end (the Job controller is kube-controller-manager's)";
            BenchContext.await("the baseline's Jobs seen Complete", TIMEOUT, Duration.ofMillis(200),
                    () -> watcher.completedCount("b") >= chains * steps);
            BulkCreator.sleep(EngineScenario.SETTLE.toMillis());
            figures.chains(pods, chains, steps, audit.writesSince(mark, BASELINE_NAMESPACE));
            double wall = (watcher.lastCompletion("b").orElseThrow() - watcher.firstAdded("b").orElseThrow()) / 1000.0;
            Side side = new Side(Stats.of(watcher.watcherLatencies("b", chains, steps)), Stats.of(watcher.apiLatencies("b", chains, steps)), wall);
            record("baseline", side);
            return side;
        }
    }

    /**
     * Runs {@link BaselineDriver} as its own JVM, with this JVM's classpath, until it has run every chain; returns the
     * driver's peak RSS (MiB), as it printed it.
     */
    double runDriver(String namespace, String prefix, int chains, int steps) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = ctx.cluster.e2eDir().resolve("target/bench-baseline-" + prefix + ".log");
        try {
            Process driver = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    BaselineDriver.class.getName(), ctx.cluster.kubeconfig().toString(), namespace, prefix,
                    Integer.toString(chains), Integer.toString(steps))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!driver.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS) || driver.exitValue() != 0) {
                driver.destroyForcibly();
                throw new IllegalStateException("the baseline driver failed; see " + log);
            }
            Matcher peak = BaselineDriver.PEAK_RSS.matcher(Files.readString(log));
            return peak.find() ? Double.parseDouble(peak.group(1)) : Double.NaN;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void record(String who, Side side) {
        ctx.report.result("chains", who + "WatcherMs", side.watcher().toMap());
        ctx.report.result("chains", who + "ApiTimestampsMs", side.api().toMap());
        ctx.report.result("chains", who + "WallSeconds", side.wallSeconds());
        log("  " + who + ": watcher " + side.watcher() + ", API " + side.api() + ", wall " + side.wallSeconds() + " s");
    }

    static double meanMs(PrometheusScrape before, PrometheusScrape after, String histogram, Map<String, String> labels) {
        double count = after.sum(histogram + "_count", labels) - before.sum(histogram + "_count", labels);
        double sum = after.sum(histogram + "_sum", labels) - before.sum(histogram + "_sum", labels);
        return count == 0 ? Double.NaN : Math.round(sum / count * 10_000) / 10.0;
    }

    static String ms(double value) {
        return Double.isNaN(value) ? "n/a" : "%.0f ms".formatted(value);
    }

    static String ratio(double a, double b) {
        return b <= 0 ? "n/a (baseline 0)" : "%.2f×".formatted(a / b);
    }

}

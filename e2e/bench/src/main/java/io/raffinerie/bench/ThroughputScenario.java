package io.raffinerie.bench;

import static io.raffinerie.bench.BenchContext.log;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.raffinerie.e2e.harness.Raffinerie;
import io.raffinerie.e2e.harness.Sim;
import io.raffinerie.testsupport.PrometheusScrape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario 3: many single-step DataRuns submitted at once, drained by Raffinerie; then as many bare Jobs, drained by
 * the Job controller alone (the baseline: nothing to do but create them).
 */
final class ThroughputScenario {
    static final String NAMESPACE = "bench-throughput";
    static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final BenchContext ctx;

    ThroughputScenario(BenchContext ctx) {
        this.ctx = ctx;
    }

    void run() {
        int runs = ctx.scale.throughputRuns();
        log("throughput: " + runs + " single-step DataRuns");
        ctx.raffinerie.environment(NAMESPACE, null);
        ctx.raffinerie.job(NAMESPACE, "one", "container", "image: registry.invalid/sim:1\ncommand: [\"true\"]\n"
                + "history: {succeeded: 1000, failed: 1000}");
        PrometheusScrape before = OperatorProbe.scrape(ctx.operator);
        AuditLog audit = ctx.audit();
        long mark = audit.mark();
        double[] raffinerie = drain(runs, i -> ctx.create("{apiVersion: %s, kind: DataRun, metadata: {name: t-%05d, namespace: %s}, spec: {jobRef: one}}"
                .formatted(Raffinerie.API_VERSION, i, NAMESPACE)),
                () -> ctx.list("DataRun", NAMESPACE).stream().filter(r -> "Succeeded".equals(Raffinerie.status(r).get("phase"))).count());
        BulkCreator.sleep(EngineScenario.SETTLE.toMillis());
        EngineComparison.Figures figures = ctx.engines.add("raffinerie", "Raffinerie", ChainScenario.RAFFINERIE_CLIENT);
        figures.runs = runs;
        figures.drainSeconds = raffinerie[1];
        figures.drainWrites = audit.writesSince(mark, NAMESPACE);
        figures.memory(ctx.operator.pid());
        figures.note = "RSS: the operator's JVM (-Xmx512m)";
        ApiEfficiency.recordWrites(ctx, "throughput", before, OperatorProbe.scrape(ctx.operator), runs, runs);
        log("throughput: " + runs + " bare Jobs");
        mark = audit.mark();
        double[] baseline = drain(runs, i -> {
            Job job = Sim.job("tb-%05d".formatted(i), Map.of());
            job.getMetadata().setLabels(Map.of(BaselineDriver.LABEL, "tb"));
            ctx.client.batch().v1().jobs().inNamespace(ChainScenario.BASELINE_NAMESPACE).resource(job).create();
        }, () -> ctx.client.batch().v1().jobs().inNamespace(ChainScenario.BASELINE_NAMESPACE).withLabel(BaselineDriver.LABEL, "tb")
                .list().getItems().stream().filter(job -> JobChainWatcher.complete(job) != null).count());
        BulkCreator.sleep(EngineScenario.SETTLE.toMillis());
        EngineComparison.Figures bare = ctx.engines.add(EngineComparison.BASELINE, "bare Jobs (baseline)", BaselineDriver.CLIENT);
        bare.drainClient = null;
        bare.runs = runs;
        bare.drainSeconds = baseline[1];
        bare.drainWrites = audit.writesSince(mark, ChainScenario.BASELINE_NAMESPACE);
        ctx.report.result("throughput", "runs", runs);
        ctx.report.result("throughput", "raffinerie", Map.of("submitSeconds", raffinerie[0], "drainSeconds", raffinerie[1],
                "runsPerSecond", runs / raffinerie[1]));
        ctx.report.result("throughput", "baseline", Map.of("submitSeconds", baseline[0], "drainSeconds", baseline[1],
                "jobsPerSecond", runs / baseline[1]));
        ctx.report.row("3 throughput", runs + " runs: submitted in, drained in (Raffinerie)", "%.1f s, %.1f s (%.1f runs/s)"
                .formatted(raffinerie[0], raffinerie[1], runs / raffinerie[1]), "submitted < 60 s", ctx.scale.judged(raffinerie[0] < 60));
        ctx.report.row("3 throughput", runs + " bare Jobs drained in (baseline)", "%.1f s (%.1f Jobs/s)".formatted(baseline[1],
                runs / baseline[1]), null, null);
        ctx.report.row("3 throughput", "drain time Raffinerie / baseline", ChainScenario.ratio(raffinerie[1], baseline[1]), null, null);
    }

    /** Submits {@code count} objects, then polls until {@code done} counts them all: {submission, drain} in seconds. */
    static double[] drain(int count, java.util.function.IntConsumer submit, java.util.function.LongSupplier done) {
        long start = System.nanoTime();
        try (BulkCreator creator = new BulkCreator(8)) {
            List<Runnable> creations = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                int index = i;
                creations.add(() -> submit.accept(index));
            }
            creator.createAll(creations);
        }
        double submitted = (System.nanoTime() - start) / 1e9;
        BenchContext.await(count + " drained", TIMEOUT, Duration.ofSeconds(2), () -> done.getAsLong() >= count);
        return new double[] {submitted, (System.nanoTime() - start) / 1e9};
    }
}

package io.raffinerie.bench;

import static io.raffinerie.bench.BenchContext.log;

import io.raffinerie.e2e.harness.Raffinerie;
import io.raffinerie.testsupport.PrometheusScrape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenarios 5 and 6: the operator's heap and RSS with N DataJobs, N finished DataRuns (cancelled before they start,
 * so no Job runs) and a fixed number of DataPipelines, for growing N; then a cold start over the largest N.
 * Objects are spread over a few environments, as teams would have them.
 */
final class ScaleScenario {
    static final String NAMESPACE_PREFIX = "bench-scale-";
    static final long HEAP_TARGET = 256L * 1024 * 1024;

    private final BenchContext ctx;
    private int created;

    ScaleScenario(BenchContext ctx) {
        this.ctx = ctx;
    }

    void run() {
        ctx.startOperator(Map.of());
        for (int n = 0; n < ctx.scale.scaleNamespaces(); n++) {
            ctx.raffinerie.environment(NAMESPACE_PREFIX + n, null);
        }
        OperatorProbe.Memory empty = OperatorProbe.memory(ctx.operator);
        ctx.report.result("memory", "0", empty.toMap());
        createPipelines(ctx.scale.scalePipelines());
        Map<Integer, OperatorProbe.Memory> levels = new LinkedHashMap<>();
        for (int level : ctx.scale.scaleLevels()) {
            long start = System.nanoTime();
            createUpTo(level);
            awaitConverged(level);
            OperatorProbe.Memory memory = OperatorProbe.memory(ctx.operator);
            levels.put(level, memory);
            ctx.report.result("memory", Integer.toString(level), Map.of("memory", memory.toMap(),
                    "createdAndConvergedSeconds", (System.nanoTime() - start) / 1e9));
            log("  " + level + " DataJobs + DataRuns: " + memory);
        }
        int first = ctx.scale.scaleLevels().get(0);
        int last = ctx.scale.largestLevel();
        // Per object: each level adds one DataJob and one DataRun per unit.
        double marginal = (levels.get(last).heapUsedBytes() - levels.get(first).heapUsedBytes()) / (2.0 * (last - first));
        ctx.report.result("memory", "marginalHeapBytesPerObject", Math.round(marginal));
        for (var entry : levels.entrySet()) {
            boolean largest = entry.getKey() == last;
            ctx.report.row("5 memory", "heap after GC / RSS, %d DataJobs + %d DataRuns + %d DataPipelines".formatted(entry.getKey(),
                    entry.getKey(), ctx.scale.scalePipelines()), "%.0f MiB / %.0f MiB".formatted(OperatorProbe.mib(entry.getValue().heapUsedBytes()),
                    OperatorProbe.mib(entry.getValue().rssBytes())), largest ? "heap ≤ 256 MiB at 10k" : null,
                    largest ? ctx.scale.judged(entry.getValue().heapUsedBytes() <= HEAP_TARGET) : null);
        }
        ctx.report.row("5 memory", "marginal heap per object", "%.1f KiB".formatted(marginal / 1024), null, null);
        ctx.report.row("5 memory", "heap before the scale objects (operator with what scenarios 1-3 left)",
                "%.0f MiB".formatted(OperatorProbe.mib(empty.heapUsedBytes())), null, null);
        coldStart();
    }

    private void coldStart() {
        ApiEfficiency efficiency = new ApiEfficiency(ctx);
        Map<String, Long> counts = efficiency.counts();
        ctx.stopOperator();
        log("cold start over " + counts);
        long start = System.nanoTime();
        ctx.startOperator(Map.of());
        double ready = (System.nanoTime() - start) / 1e9;
        PrometheusScrape done = ApiEfficiency.awaitReconciled(ctx, counts, null, Duration.ofMinutes(5));
        double seconds = (System.nanoTime() - start) / 1e9;
        double writes = OperatorProbe.writes(done);
        OperatorProbe.Memory memory = OperatorProbe.memory(ctx.operator);
        ctx.report.result("coldStart", "resources", counts);
        ctx.report.result("coldStart", "readySeconds", ready);
        ctx.report.result("coldStart", "allReconciledSeconds", seconds);
        ctx.report.result("coldStart", "writes", writes);
        ctx.report.result("coldStart", "writesByResource", OperatorProbe.writesByResource(PrometheusScrape.of(""), done));
        ctx.report.result("coldStart", "memoryAfter", memory.toMap());
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        ctx.report.row("6 cold start", "every one of " + total + " resources reconciled after a restart", "%.1f s (ready %.1f s)"
                .formatted(seconds, ready), "≤ 60 s at 10k", ctx.scale.judged(seconds <= 60));
        ctx.report.row("6 cold start", "writes during the cold start", "%.0f".formatted(writes), "≈ 0", writes <= total / 1000.0);
    }

    private String namespace(int index) {
        return NAMESPACE_PREFIX + (index % ctx.scale.scaleNamespaces());
    }

    private void createPipelines(int count) {
        List<Runnable> creations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String yaml = "{apiVersion: %s, kind: DataPipeline, metadata: {name: p-%05d, namespace: %s}, spec: {steps: [{name: a, jobRef: j-%05d},"
                    + " {name: b, jobRef: j-%05d, dependsOn: [a]}]}}";
            String doc = yaml.formatted(Raffinerie.API_VERSION, i, namespace(i), i, i + ctx.scale.scaleNamespaces());
            creations.add(() -> ctx.create(doc));
        }
        try (BulkCreator creator = new BulkCreator(8)) {
            creator.createAll(creations);
        }
    }

    /** DataJobs and their one cancelled run, up to {@code level} of each. */
    private void createUpTo(int level) {
        log("scale: creating DataJobs and DataRuns " + created + " to " + level);
        List<Runnable> creations = new ArrayList<>();
        for (int i = created; i < level; i++) {
            String job = "{apiVersion: %s, kind: DataJob, metadata: {name: j-%05d, namespace: %s}, spec: {technology: container,"
                    + " image: registry.invalid/sim:1, command: [\"true\"]}}";
            String run = "{apiVersion: %s, kind: DataRun, metadata: {name: r-%05d, namespace: %s}, spec: {jobRef: j-%05d, cancel: true}}";
            String jobDoc = job.formatted(Raffinerie.API_VERSION, i, namespace(i));
            String runDoc = run.formatted(Raffinerie.API_VERSION, i, namespace(i), i);
            creations.add(() -> {
                ctx.create(jobDoc);
                ctx.create(runDoc);
            });
        }
        try (BulkCreator creator = new BulkCreator(12)) {
            creator.createAll(creations);
        }
        created = level;
    }

    /** Until the operator is idle and has written every run's final phase. */
    private void awaitConverged(int level) {
        BenchContext.await(level + " runs finished", Duration.ofMinutes(10), Duration.ofSeconds(2), () -> {
            return ctx.list("DataRun", null).stream()
                    .filter(r -> r.getMetadata().getName().startsWith("r-") && Raffinerie.status(r).get("phase") != null
                            && !"Pending".equals(Raffinerie.status(r).get("phase")) && !"Running".equals(Raffinerie.status(r).get("phase")))
                    .count() >= level;
        });
        ApiEfficiency.awaitIdle(ctx, Duration.ofMinutes(5));
    }
}

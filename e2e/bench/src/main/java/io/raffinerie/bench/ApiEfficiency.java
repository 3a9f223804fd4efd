package io.raffinerie.bench;

import static io.raffinerie.bench.BenchContext.log;

import io.raffinerie.testsupport.PrometheusScrape;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 4: the operator's mutating requests (raffinerie_api_writes_total) per step and per run, and over converged
 * resources: a restart, and a resync (every resource reconciled once more, JOSDK's maxReconciliationInterval forced
 * short). Also the convergence wait of scenario 6.
 */
final class ApiEfficiency {
    static final List<String> CONTROLLERS = List.of("dataenvironment", "datajob", "datapipeline", "datarun");
    static final Duration RESYNC_INTERVAL = Duration.ofSeconds(10);

    private final BenchContext ctx;

    ApiEfficiency(BenchContext ctx) {
        this.ctx = ctx;
    }

    static void recordWrites(BenchContext ctx, String scenario, PrometheusScrape before, PrometheusScrape after, int steps, int runs) {
        double writes = OperatorProbe.writes(after) - OperatorProbe.writes(before);
        ctx.report.result("apiWrites", scenario, Map.of("writes", writes, "perStep", writes / steps, "perRun", writes / runs,
                "byResource", OperatorProbe.writesByResource(before, after)));
        ctx.report.row("4 API writes", scenario + ": writes per step, per run", "%.2f, %.2f".formatted(writes / steps, writes / runs),
                null, null);
    }

    /** Every resource of each controller, as the cluster has them now. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("dataenvironment", ctx.count("DataEnvironment", null));
        counts.put("datajob", ctx.count("DataJob", null));
        counts.put("datapipeline", ctx.count("DataPipeline", null));
        counts.put("datarun", ctx.count("DataRun", null));
        return counts;
    }

    /**
     * Waits until each controller has reconciled at least {@code base + counts} times, then until no reconciliation
     * succeeds for a second (JOSDK's queue and active gauges are not usable: they go negative). Returns the scrape at
     * the moment the counts were first all reached.
     */
    static PrometheusScrape awaitReconciled(BenchContext ctx, Map<String, Long> counts, PrometheusScrape base, Duration timeout) {
        PrometheusScrape[] reached = new PrometheusScrape[1];
        BenchContext.await("every resource reconciled", timeout, Duration.ofMillis(250), () -> {
            PrometheusScrape now = OperatorProbe.scrape(ctx.operator);
            for (String controller : CONTROLLERS) {
                double done = OperatorProbe.successes(now, controller) - (base == null ? 0 : OperatorProbe.successes(base, controller));
                if (done < counts.get(controller)) {
                    return false;
                }
            }
            reached[0] = now;
            return true;
        });
        awaitIdle(ctx, timeout);
        return reached[0];
    }

    /** Until no reconciliation has succeeded for a second. */
    static void awaitIdle(BenchContext ctx, Duration timeout) {
        double[] last = {-1};
        BenchContext.await("the operator idle", timeout, Duration.ofSeconds(1), () -> {
            double now = totalSuccesses(OperatorProbe.scrape(ctx.operator));
            boolean idle = now == last[0];
            last[0] = now;
            return idle;
        });
    }

    static double totalSuccesses(PrometheusScrape scrape) {
        return CONTROLLERS.stream().mapToDouble(c -> OperatorProbe.successes(scrape, c)).sum();
    }

    /** Restart over the converged resources of scenarios 1-3, then one resync. */
    void restartAndResync() {
        Map<String, Long> counts = counts();
        log("API efficiency: restart and resync over " + counts);
        StringBuilder options = new StringBuilder();
        for (String controller : CONTROLLERS) {
            options.append("-Dquarkus.operator-sdk.controllers.").append(controller).append(".max-reconciliation-interval=")
                    .append(RESYNC_INTERVAL.toSeconds()).append("s ");
        }
        ctx.startOperator(Map.of("JAVA_TOOL_OPTIONS", options.toString().trim()));
        PrometheusScrape restarted = awaitReconciled(ctx, counts, null, Duration.ofMinutes(3));
        PrometheusScrape resynced = awaitReconciled(ctx, counts, restarted, Duration.ofMinutes(3));
        double restartWrites = OperatorProbe.writes(restarted);
        double resyncWrites = OperatorProbe.writes(resynced) - restartWrites;
        PrometheusScrape zero = PrometheusScrape.of("");
        ctx.report.result("apiWrites", "restart", Map.of("resources", counts, "writes", restartWrites,
                "byResource", OperatorProbe.writesByResource(zero, restarted)));
        ctx.report.result("apiWrites", "resync", Map.of("resources", counts, "writes", resyncWrites,
                "byResource", OperatorProbe.writesByResource(restarted, resynced)));
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        ctx.report.row("4 API writes", "restart over " + total + " converged resources", "%.0f writes".formatted(restartWrites),
                "0", restartWrites == 0);
        ctx.report.row("4 API writes", "resync (each reconciled again)", "%.0f writes".formatted(resyncWrites), "0", resyncWrites == 0);
        ctx.stopOperator();
    }
}

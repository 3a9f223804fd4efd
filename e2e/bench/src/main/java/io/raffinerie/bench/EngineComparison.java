package io.raffinerie.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same work through every engine, side by side: Raffinerie and the baseline (from scenarios 1 and 3), then Argo
 * Workflows and Tekton ({@link EngineScenario}). Every figure is measured the same way for all: steps by
 * {@link PodChainWatcher}, writes from the audit log ({@link AuditLog}), memory from /proc.
 */
final class EngineComparison {
    static final String BASELINE = "baseline";

    /** One engine's figures; NaN (or null) where not measured. */
    static final class Figures {
        final String key;
        final String label;
        /** The engine's own process in the audit log; null when there is none (bare Jobs submitted by the bench). */
        final String client;
        /** The client that submits the single-step runs' work: null for the baseline, whose Jobs the bench creates. */
        String drainClient;
        Stats step = Stats.of(List.of());
        double chainWallSeconds = Double.NaN;
        int chainSteps;
        AuditLog.Writes chainWrites;
        double drainSeconds = Double.NaN;
        int runs;
        AuditLog.Writes drainWrites;
        double rssMiB = Double.NaN;
        double peakRssMiB = Double.NaN;
        String note = "";
        String failure;

        Figures(String key, String label, String client) {
            this.key = key;
            this.label = label;
            this.client = client;
            this.drainClient = client;
        }

        void chains(PodChainWatcher watcher, int chains, int steps, AuditLog.Writes writes) {
            step = Stats.of(watcher.latencies(chains, steps));
            chainWallSeconds = watcher.wallSeconds();
            chainSteps = chains * steps;
            chainWrites = writes;
        }

        void memory(long pid) {
            long[] rss = OperatorProbe.rss(pid);
            rssMiB = OperatorProbe.mib(rss[0]);
            peakRssMiB = OperatorProbe.mib(rss[1]);
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("label", label);
            map.put("stepTransitionMs", step.toMap());
            map.put("chainWallSeconds", chainWallSeconds);
            map.put("chainSteps", chainSteps);
            map.put("chainWrites", chainWrites == null ? null : chainWrites.toMap());
            map.put("drainSeconds", drainSeconds);
            map.put("runs", runs);
            map.put("drainWrites", drainWrites == null ? null : drainWrites.toMap());
            map.put("rssMiB", rssMiB);
            map.put("peakRssMiB", peakRssMiB);
            map.put("note", note);
            map.put("failure", failure);
            return map;
        }
    }

    private final Map<String, Figures> engines = new LinkedHashMap<>();

    Figures add(String key, String label, String client) {
        return engines.computeIfAbsent(key, k -> new Figures(key, label, client));
    }

    boolean isEmpty() {
        return engines.isEmpty();
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        engines.forEach((key, figures) -> map.put(key, figures.toMap()));
        return map;
    }

    /** The side-by-side table, ratios to the baseline in parentheses. */
    String markdown(int chains, int steps) {
        Figures base = engines.get(BASELINE);
        StringBuilder md = new StringBuilder("| engine | step transition p50 / p99 | chain wall time (" + chains + " × " + steps
                + ") | drain time | writes per chain step: controller / all | writes per single-step run: controller / all "
                + "| controller RSS now / peak | |\n|---|---|---|---|---|---|---|---|\n");
        for (Figures f : engines.values()) {
            Figures b = f == base ? null : base;
            if (f.failure != null) {
                md.append("| ").append(f.label).append(" | did not run: ").append(f.failure.replace("|", "\\|").replace("\n", " "))
                        .append(" | | | | | | |\n");
                continue;
            }
            md.append("| ").append(f.label)
                    .append(" | ").append(ms(f.step.p50(), b == null ? Double.NaN : b.step.p50()))
                    .append(" / ").append(ms(f.step.p99(), b == null ? Double.NaN : b.step.p99()))
                    .append(" | ").append(seconds(f.chainWallSeconds, b == null ? Double.NaN : b.chainWallSeconds))
                    .append(" | ").append(Double.isNaN(f.drainSeconds) ? "n/a" : f.runs + " runs: "
                            + seconds(f.drainSeconds, b == null ? Double.NaN : b.drainSeconds))
                    .append(" | ").append(writes(f.client, f.chainWrites, f.chainSteps))
                    .append(" | ").append(writes(f.drainClient, f.drainWrites, f.runs))
                    .append(" | ").append(Double.isNaN(f.rssMiB) ? "n/a" : "%.0f / %.0f MiB".formatted(f.rssMiB, f.peakRssMiB))
                    .append(" | ").append(f.note).append(" |\n");
        }
        return md.toString();
    }

    private static String ms(double value, double base) {
        return ChainScenario.ms(value) + ratio(value, base);
    }

    private static String seconds(double value, double base) {
        return Double.isNaN(value) ? "n/a" : "%.1f s".formatted(value) + ratio(value, base);
    }

    private static String ratio(double value, double base) {
        return Double.isNaN(value) || Double.isNaN(base) || base <= 0 ? "" : " (%.2f×)".formatted(value / base);
    }

    private static String writes(String client, AuditLog.Writes writes, int per) {
        if (writes == null || per == 0) {
            return "n/a";
        }
        String controller = client == null ? "–" : "%.2f".formatted(writes.of(client) / (double) per);
        return controller + " / %.2f".formatted(writes.allButBench() / (double) per);
    }
}

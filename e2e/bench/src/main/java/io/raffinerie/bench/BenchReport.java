package io.raffinerie.bench;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of a run: every measure in JSON (results/bench-<scale>.json), the headline figures next to their
 * targets as a Markdown table (results/bench-<scale>.md), and the same table in docs/benchmarks.md between markers.
 */
final class BenchReport {
    static final String README_START = "<!-- bench:start -->";
    static final String README_END = "<!-- bench:end -->";

    record Row(String scenario, String figure, String value, String target, String verdict) {
    }

    private final Map<String, Object> environment = new LinkedHashMap<>();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private String engines = "";

    void environment(String key, Object value) {
        environment.put(key, value);
    }

    void result(String scenario, String key, Object value) {
        @SuppressWarnings("unchecked")
        Map<String, Object> section = (Map<String, Object>) results.computeIfAbsent(scenario, s -> new LinkedHashMap<>());
        section.put(key, value);
    }

    /** A headline figure; {@code met} null when there is no target. */
    void row(String scenario, String figure, String value, String target, Boolean met) {
        rows.add(new Row(scenario, figure, value, target == null ? "" : target, met == null ? "" : met ? "met" : "**missed**"));
    }

    /** The engines' side-by-side table (Markdown), after the headline table. */
    void engines(String table) {
        engines = table;
    }

    void write(Path dir, String scale) {
        try {
            Files.createDirectories(dir);
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("environment", environment);
            all.put("headline", rows);
            all.put("results", results);
            Files.writeString(dir.resolve("bench-" + scale + ".json"), Serialization.asJson(all) + "\n");
            Files.writeString(dir.resolve("bench-" + scale + ".md"), markdown());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("Run of ").append(environment.get("date")).append(" (`BENCH_SCALE=").append(environment.get("scale"))
                .append("`, ").append(environment.get("totalSeconds")).append(" s) on ").append(environment.get("machine"))
                .append(".\n").append(environment.get("versions")).append(". Operator: ").append(environment.get("operatorSettings"))
                .append(".\n\n| scenario | figure | value | target | |\n|---|---|---|---|---|\n");
        for (Row row : rows) {
            md.append("| ").append(row.scenario()).append(" | ").append(row.figure()).append(" | ").append(row.value())
                    .append(" | ").append(row.target()).append(" | ").append(row.verdict()).append(" |\n");
        }
        if (!engines.isEmpty()) {
            md.append("\nThe same work through each engine, on the same cluster in the same run (step transition: a step's pod "
                    + "seen Succeeded → the next step's pod seen ADDED; writes: the audit log's mutating requests in the engine's "
                    + "namespace, by the controller / by every client but the bench; ratios to the baseline):\n\n").append(engines);
        }
        return md.toString();
    }

    /** Replaces what lies between the README's markers with this run's table. */
    void updateReadme(Path readme, String scale) {
        try {
            String text = Files.readString(readme);
            int start = text.indexOf(README_START);
            int end = text.indexOf(README_END);
            if (start < 0 || end < start) {
                System.out.println("[bench] no " + README_START + " ... " + README_END + " in " + readme + ": not updated");
                return;
            }
            String table = README_START + "\n" + markdown() + "\nFull figures: `e2e/bench/results/bench-" + scale + ".json`.\n";
            Files.writeString(readme, text.substring(0, start) + table + text.substring(end));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

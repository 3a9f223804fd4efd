package io.raffinerie.bench;

import java.util.List;

/** How big each scenario is: {@code full} is the figures, {@code small} a quick check (BENCH_SCALE=small). */
record BenchScale(String name, int chains, int steps, int throughputRuns, List<Integer> scaleLevels, int scalePipelines,
        int scaleNamespaces, List<String> only) {

    static BenchScale fromEnvironment() {
        String name = System.getenv().getOrDefault("BENCH_SCALE", "full");
        // BENCH_SCENARIOS=chains,throughput,api,engines,scale: some of them only, while tuning.
        List<String> only = List.of(System.getenv().getOrDefault("BENCH_SCENARIOS", "").split(",")).stream()
                .filter(s -> !s.isBlank()).toList();
        return switch (name) {
            case "small" -> new BenchScale("small", 10, 5, 100, List.of(200, 500, 1000), 100, 2, only);
            case "full" -> new BenchScale("full", 50, 10, 1000, List.of(1000, 5000, 10000), 1000, 10, only);
            default -> throw new IllegalArgumentException("BENCH_SCALE must be small or full, not " + name);
        };
    }

    boolean runs(String scenario) {
        return only.isEmpty() || only.contains(scenario);
    }

    /** Targets are judged at full scale only: a small run is a check that everything works. */
    Boolean judged(boolean met) {
        return name.equals("full") ? met : null;
    }

    int largestLevel() {
        return scaleLevels.get(scaleLevels.size() - 1);
    }
}

package io.raffinerie.bench;

import java.util.List;

/** How big each scenario is: {@code full} is the figures, {@code small} a quick check (BENCH_SCALE=small). */
record BenchScale(String name, int chains, int steps, int throughputRuns, List<Integer> scaleLevels, int scalePipelines,
        int scaleNamespaces) {

    static BenchScale fromEnvironment() {
        String name = System.getenv().getOrDefault("BENCH_SCALE", "full");
        return switch (name) {
            case "small" -> new BenchScale("small", 10, 5, 100, List.of(200, 500, 1000), 100, 2);
            case "full" -> new BenchScale("full", 50, 10, 1000, List.of(1000, 5000, 10000), 1000, 10);
            default -> throw new IllegalArgumentException("BENCH_SCALE must be small or full, not " + name);
        };
    }

    int largestLevel() {
        return scaleLevels.get(scaleLevels.size() - 1);
    }
}

package io.raffinerie.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Percentiles of a sample, nearest-rank, in the unit of the sample. */
record Stats(int n, double p50, double p90, double p99, double max, double mean) {

    static Stats of(List<? extends Number> values) {
        List<Double> sorted = new ArrayList<>(values.stream().map(Number::doubleValue).toList());
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = sorted.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return new Stats(sorted.size(), rank(sorted, 50), rank(sorted, 90), rank(sorted, 99), sorted.get(sorted.size() - 1), mean);
    }

    /** Nearest rank: the smallest value with at least p% of the sample at or below it. */
    private static double rank(List<Double> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("n", n);
        map.put("p50", p50);
        map.put("p90", p90);
        map.put("p99", p99);
        map.put("max", max);
        map.put("mean", Math.round(mean * 10) / 10.0);
        return map;
    }
}

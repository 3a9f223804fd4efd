package io.raffinerie.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.raffinerie.model.run.RunMeasures.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunMetricsTest {
    private static final String LAST_SUCCESS = "raffinerie.last.success.timestamp.seconds";
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Runnable> later = new ArrayList<>();
    private final RunMetrics metrics = new RunMetrics(registry, later::add);
    private final Target daily = new Target("sales", "DataPipeline", "daily");
    private final Target extract = new Target("sales", "DataJob", "extract");
    private final Set<Target> existing = new HashSet<>(List.of(daily, extract));

    private void succeeded(Target target, long epochSecond) {
        metrics.trackLastSuccess(target, Optional.of(Instant.ofEpochSecond(epochSecond)), existing::contains);
    }

    @Test
    void theLastSuccessIsOneRowPerTargetAndOnlyGrows() {
        succeeded(daily, 200);
        succeeded(daily, 100);
        succeeded(extract, 50);
        metrics.trackLastSuccess(new Target("sales", "DataJob", "never"), Optional.empty(), existing::contains);

        assertThat(registry.find(LAST_SUCCESS).gauges()).hasSize(2);
        assertThat(gauge("daily").value()).isEqualTo(200.0);
        assertThat(gauge("extract").value()).isEqualTo(50.0);
    }

    @Test
    void aTargetsRowGoesAwayAfterTheScrapeThatFindsItGone() {
        succeeded(daily, 200);
        succeeded(extract, 50);

        existing.remove(daily);
        assertThat(gauge("daily").value()).isNaN();
        assertThat(registry.find(LAST_SUCCESS).gauges()).as("not removed during the scrape").hasSize(2);
        later.forEach(Runnable::run);
        assertThat(registry.find(LAST_SUCCESS).gauges()).extracting(g -> g.getId().getTag("name")).containsExactly("extract");

        existing.add(daily);
        succeeded(daily, 300);
        assertThat(gauge("daily").value()).as("a target created again has its row again").isEqualTo(300.0);
    }

    private Gauge gauge(String name) {
        return registry.find(LAST_SUCCESS).tag("name", name).gauge();
    }
}

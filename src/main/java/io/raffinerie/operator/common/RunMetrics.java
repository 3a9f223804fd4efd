package io.raffinerie.operator.common;

import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.Trigger;
import io.raffinerie.model.run.RunMeasures;
import io.raffinerie.model.run.RunMeasures.Target;
import io.raffinerie.model.run.RunStatuses;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The domain metrics: runs and steps by job or pipeline, never by run name, so that label cardinality stays bounded
 * by what users declare. The gauges are Micrometer MultiGauges: one row per namespace and kind, or per target.
 */
@ApplicationScoped
public class RunMetrics {
    private static final Duration[] RUN_BUCKETS = seconds(1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 43200, 86400);
    private static final Duration[] TRANSITION_BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final int REMEMBERED_TRANSITIONS = 20_000;

    private final MeterRegistry registry;
    /** A transition is counted once even when its status write conflicts and the reconciliation computes it again. */
    private final RecentKeys counted = new RecentKeys(REMEMBERED_TRANSITIONS);
    private final Map<Active, IndexedResourceCache<DataRun>> activeRuns = new ConcurrentHashMap<>();
    private final Map<Target, LastSuccess> lastSuccesses = new ConcurrentHashMap<>();
    private final MultiGauge active;
    private final MultiGauge lastSuccess;
    private final Executor later;

    private record Active(String namespace, String kind) {
    }

    private record LastSuccess(AtomicLong seconds, Predicate<Target> exists) {
    }

    @Inject
    public RunMetrics(MeterRegistry registry) {
        this(registry, ForkJoinPool.commonPool());
    }

    /** {@code later} runs what a scrape must not do itself: removing the gauges of targets that are gone. */
    RunMetrics(MeterRegistry registry, Executor later) {
        this.registry = registry;
        this.later = later;
        this.active = MultiGauge.builder("raffinerie.runs.active").description("Runs not finished yet").register(registry);
        this.lastSuccess = MultiGauge.builder("raffinerie.last.success.timestamp.seconds")
                .description("When the job or pipeline last succeeded, in seconds since the epoch").register(registry);
    }

    /** A run reached a final phase. */
    public void runFinished(DataRun run, Trigger trigger, RunPhase outcome, Optional<Duration> duration) {
        if (!counted.firstTime(run.getMetadata().getUid() + "/" + outcome)) {
            return;
        }
        Target target = Target.of(run);
        String triggerName = trigger == null ? Trigger.Manual.name() : trigger.name();
        Counter.builder("raffinerie.runs")
                .description("Runs that finished, by job or pipeline, trigger and outcome")
                .tags(tags(target)).tag("trigger", triggerName).tag("outcome", outcome.name())
                .register(registry).increment();
        duration.ifPresent(d -> Timer.builder("raffinerie.run.duration")
                .description("How long runs took, start to completion")
                .tags(tags(target)).tag("trigger", triggerName)
                .serviceLevelObjectives(RUN_BUCKETS)
                .register(registry).record(d));
    }

    /** A pipeline step reached a final phase. */
    public void stepFinished(DataRun run, String step, StepPhase outcome, Optional<Duration> duration) {
        if (!counted.firstTime(run.getMetadata().getUid() + "/" + step + "/" + outcome)) {
            return;
        }
        duration.ifPresent(d -> Timer.builder("raffinerie.step.duration")
                .description("How long steps took, start to completion")
                .tags(tags(Target.of(run))).tag("step", step).tag("outcome", outcome.name())
                .serviceLevelObjectives(RUN_BUCKETS)
                .register(registry).record(d));
    }

    /** A step's Job was created, {@code latency} after its upstream was done. */
    public void stepTransition(DataRun run, Duration latency) {
        Timer.builder("raffinerie.step.transition")
                .description("From the upstream steps being done to the next step's Job being created")
                .tags(tags(Target.of(run)))
                .serviceLevelObjectives(TRANSITION_BUCKETS)
                .register(registry).record(latency.isNegative() ? Duration.ZERO : latency);
    }

    /** Counts the unfinished runs of a namespace and kind, read from the operator's cache when scraped. */
    public void trackActive(String namespace, String kind, IndexedResourceCache<DataRun> runs) {
        if (activeRuns.putIfAbsent(new Active(namespace, kind), runs) == null) {
            registerActive();
        }
    }

    /** The rows of a MultiGauge are given all at once: those left out are removed, those known kept. */
    private synchronized void registerActive() {
        active.register(activeRuns.entrySet().stream().map(e -> MultiGauge.Row.of(
                Tags.of("namespace", e.getKey().namespace(), "kind", e.getKey().kind()), e.getValue(),
                cache -> activeCount(cache, e.getKey()))).toList(), false);
    }

    private static long activeCount(IndexedResourceCache<DataRun> cache, Active key) {
        return cache.list(key.namespace())
                .filter(run -> run.getSpec() != null && key.kind().equals(Target.of(run).kind()))
                .filter(run -> !RunStatuses.isFinished(run.getStatus()))
                .count();
    }

    /**
     * The last success of a job or pipeline, for alerts such as "not succeeded for 26 h". The gauge goes away with
     * its target: {@code exists} is asked when scraped.
     */
    public void trackLastSuccess(Target target, Optional<Instant> lastSuccess, Predicate<Target> exists) {
        if (lastSuccess.isEmpty()) {
            return;
        }
        boolean added = !lastSuccesses.containsKey(target);
        lastSuccesses.computeIfAbsent(target, t -> new LastSuccess(new AtomicLong(), exists)).seconds()
                .accumulateAndGet(lastSuccess.get().getEpochSecond(), Math::max);
        if (added) {
            registerLastSuccesses();
        }
    }

    private double lastSuccessOf(Target target, LastSuccess last) {
        if (last.exists().test(target)) {
            return last.seconds().get();
        }
        // Removed outside the scrape that noticed it, which is iterating the meters.
        later.execute(() -> {
            if (lastSuccesses.remove(target, last)) {
                registerLastSuccesses();
            }
        });
        return Double.NaN;
    }

    private synchronized void registerLastSuccesses() {
        lastSuccess.register(lastSuccesses.entrySet().stream().map(e -> MultiGauge.Row.of(tags(e.getKey()), e.getValue(),
                last -> lastSuccessOf(e.getKey(), last))).toList(), false);
    }

    private static Tags tags(Target target) {
        return Tags.of("namespace", target.namespace(), "kind", target.kind(), "name", target.name());
    }

    private static Duration[] seconds(long... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofSeconds(values[i]);
        }
        return durations;
    }
}

package io.raffinerie.operator.archive;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.operator.common.OperatorSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * An environment's retention in the archive (spec.archive.retentionDays): its runs that finished longer ago are
 * deleted when the environment is reconciled, and again every hour. A database that is down is tried again later;
 * the environment's readiness does not depend on it.
 */
@ApplicationScoped
public class ArchiveRetention {
    static final Duration SWEEP_EVERY = Duration.ofHours(1);
    private static final Logger LOG = Logger.getLogger(ArchiveRetention.class);

    private final RunArchive archive;
    private final OperatorSettings settings;
    private final Clock clock;
    private final Counter deleted;
    private final Map<Sweep, Instant> lastSweep = new ConcurrentHashMap<>();

    private record Sweep(String environment, int days) {
    }

    ArchiveRetention(RunArchive archive, OperatorSettings settings, Clock clock, MeterRegistry registry) {
        this.archive = archive;
        this.settings = settings;
        this.clock = clock;
        this.deleted = Counter.builder("raffinerie.archive.deleted")
                .description("Archived runs deleted past their environment's retention").register(registry);
    }

    /** Deletes what is past the environment's retention; returns when to look again, if it has one. */
    public Optional<Duration> sweep(DataEnvironment environment) {
        Integer days = environment.getSpec() == null || environment.getSpec().archive == null ? null
                : environment.getSpec().archive.retentionDays;
        if (!settings.archive().enabled() || days == null) {
            return Optional.empty();
        }
        String name = environment.getMetadata().getName();
        // An environment is reconciled at every change of what it owns: the database is asked once an hour, and at
        // once when the retention changes.
        Instant now = clock.instant();
        Instant due = lastSweep.getOrDefault(new Sweep(name, days), Instant.MIN).plus(SWEEP_EVERY);
        if (now.isBefore(due)) {
            return Optional.of(Duration.between(now, due));
        }
        try {
            int count = archive.deleteFinishedBefore(name, now.minus(Duration.ofDays(days)));
            lastSweep.keySet().removeIf(sweep -> sweep.environment().equals(name));
            lastSweep.put(new Sweep(name, days), now);
            deleted.increment(count);
            if (count > 0) {
                LOG.infof("Deleted %d runs of environment %s from the archive, past its retention of %d days", count, name, days);
            }
            return Optional.of(SWEEP_EVERY);
        } catch (Exception e) {
            LOG.warnf("Could not apply the archive retention of environment %s, tried again later: %s", name, e.getMessage());
            return Optional.of(settings.archive().retryAfter());
        }
    }
}

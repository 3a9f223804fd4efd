package io.raffinerie.operator.archive;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.model.archive.ArchivedRun;
import io.raffinerie.model.run.ArchiveConditions;
import io.raffinerie.model.run.RunStatuses;
import io.raffinerie.operator.common.OperatorSettings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Archives finished runs, when the archive is on: a run is committed to the database, then marked Archived=True in
 * its status (so a crash between the two writes it again, which replaces it). A write that fails marks the run
 * Archived=False with the database's answer and is tried again after {@code retryAfter}; the run keeps its place in
 * the cluster meanwhile, so nothing is lost while the database is down.
 */
@ApplicationScoped
public class RunArchiver {
    private static final Logger LOG = Logger.getLogger(RunArchiver.class);

    private final RunArchive archive;
    private final OperatorSettings settings;
    private final Clock clock;
    private final Counter written;
    private final Counter failed;
    /** The runs whose last write failed, by uid: the pending gauge. */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    RunArchiver(RunArchive archive, OperatorSettings settings, Clock clock, MeterRegistry registry) {
        this.archive = archive;
        this.settings = settings;
        this.clock = clock;
        this.written = Counter.builder("raffinerie.archive.writes").tag("outcome", "written")
                .description("Finished runs written to the archive, and writes that failed").register(registry);
        this.failed = Counter.builder("raffinerie.archive.writes").tag("outcome", "failed")
                .description("Finished runs written to the archive, and writes that failed").register(registry);
        Gauge.builder("raffinerie.archive.pending", failing, Set::size)
                .description("Finished runs waiting for the archive, whose last write failed").register(registry);
    }

    /**
     * Archives a finished run into {@code status} (a copy of its status, written after); returns when to try again if
     * the write failed.
     */
    public Optional<Duration> archive(DataRun run, DataRunStatus status, Supplier<Optional<String>> environment) {
        if (!settings.archive().enabled() || !RunStatuses.isFinished(status) || ArchiveConditions.isArchived(status)) {
            return Optional.empty();
        }
        DataRun finished = new DataRun();
        finished.setMetadata(run.getMetadata());
        finished.setSpec(run.getSpec());
        finished.setStatus(status);
        String uid = run.getMetadata().getUid();
        try {
            archive.write(ArchivedRun.of(finished, environment.get()));
        } catch (Exception e) {
            failed.increment();
            if (failing.add(uid)) {
                LOG.warnf("Could not archive run %s/%s, kept in the cluster and written again later: %s",
                        run.getMetadata().getNamespace(), run.getMetadata().getName(), rootMessage(e));
            }
            ArchiveConditions.markUnavailable(status, rootMessage(e), clock);
            return Optional.of(settings.archive().retryAfter());
        }
        written.increment();
        failing.remove(uid);
        ArchiveConditions.markArchived(status, clock);
        return Optional.empty();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}

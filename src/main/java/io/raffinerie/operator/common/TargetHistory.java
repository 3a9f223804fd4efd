package io.raffinerie.operator.common;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.History;
import io.raffinerie.api.v1alpha1.TargetStatus;
import io.raffinerie.model.run.RunHistory;
import io.raffinerie.model.run.RunMeasures;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A job's or pipeline's history: deletes the runs past its limits or time to live (their Jobs and pods go with them,
 * by owner reference), and shows the last run and the last success.
 */
@ApplicationScoped
public class TargetHistory {
    private final RunMetrics metrics;
    private final Clock clock;
    private final OperatorSettings settings;

    public TargetHistory(RunMetrics metrics, Clock clock, OperatorSettings settings) {
        this.metrics = metrics;
        this.clock = clock;
        this.settings = settings;
    }

    /** Returns how long until the next run's time to live ends, when one is set. */
    public <S extends TargetStatus, P extends CustomResource<?, S>> Optional<Duration> keep(P target, Context<P> context,
            List<DataRun> runs, History history, S status) {
        Instant now = clock.instant();
        RunHistory.expired(runs, history, now, settings.archive().enabled()).forEach(run -> context.getClient().resource(run).delete());
        status.lastRun = RunHistory.lastRun(runs).orElse(null);
        status.lastSuccessTime = RunMeasures.lastSuccessTime(runs, status.lastSuccessTime).orElse(null);
        metrics.trackLastSuccess(new RunMeasures.Target(target.getMetadata().getNamespace(), target.getKind(),
                target.getMetadata().getName()), RunMeasures.instant(status.lastSuccessTime),
                t -> context.getPrimaryCache().get(new ResourceID(t.name(), t.namespace())).isPresent());
        return RunHistory.untilNextExpiry(runs, history, now);
    }
}

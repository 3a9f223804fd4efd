package io.raffinerie.operator.alert;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.raffinerie.api.v1alpha1.Alert;
import io.raffinerie.api.v1alpha1.AlertDeliveryState;
import io.raffinerie.api.v1alpha1.AlertDeliveryStatus;
import io.raffinerie.api.v1alpha1.AlertEvent;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.SecretKeyRef;
import io.raffinerie.model.pipeline.RunSnapshots;
import io.raffinerie.model.alert.AlertDeliveries;
import io.raffinerie.model.alert.AlertPayloads;
import io.raffinerie.model.alert.AlertTriggers;
import io.raffinerie.model.run.RunHistory;
import io.raffinerie.operator.common.Caches;
import io.raffinerie.operator.common.Environments;
import io.raffinerie.operator.common.EventRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A run's alerts, for its reconciler: records the alerts a transition fires as Pending in the status, folds the
 * dispatcher's results into it (Pending to Sent or Failed, with an Event), and starts the deliveries still owed.
 * Works on finished runs too, whose last alerts may still be in flight.
 */
@ApplicationScoped
public class RunAlerts {
    static final String SENT = "AlertSent";
    static final String FAILED = "AlertFailed";
    private final AlertDispatcher dispatcher;
    private final EventRecorder events;

    public RunAlerts(AlertDispatcher dispatcher, EventRecorder events) {
        this.dispatcher = dispatcher;
        this.events = events;
    }

    /** {@code status} is the run's next status, computed from a copy; {@code before} the phase it had. */
    public void track(DataRun run, RunPhase before, DataRunStatus status, Context<DataRun> context) {
        forgetRecorded(run);
        if (status.phase == before && AlertDeliveries.pending(status).isEmpty()) {
            return;
        }
        List<Alert> alerts = declared(run, status, context);
        if (status.phase != before && !alerts.isEmpty()) {
            AlertDeliveries.recordDue(status, AlertTriggers.due(alerts, before, status, previousOutcome(run, status, alerts, context)));
        }
        for (AlertDeliveryStatus delivery : AlertDeliveries.pending(status)) {
            if (webhook(alerts, delivery) == null) {
                AlertDeliveries.fail(delivery, "alert " + delivery.alert + " is no longer declared by " + target(run));
                announce(run, delivery, alerts);
                continue;
            }
            dispatcher.result(key(run, delivery)).ifPresent(result -> {
                AlertDeliveries.apply(delivery, result);
                announce(run, delivery, alerts);
            });
        }
        for (AlertDeliveryStatus delivery : AlertDeliveries.dispatchable(status)) {
            dispatch(run, status, delivery, alerts, context);
        }
    }

    /** The event source, registered by the run controller, through which finished deliveries reconcile their run. */
    public EventSource<?, DataRun> eventSource() {
        return dispatcher.eventSource();
    }

    private void dispatch(DataRun run, DataRunStatus status, AlertDeliveryStatus delivery, List<Alert> alerts,
            Context<DataRun> context) {
        String namespace = run.getMetadata().getNamespace();
        String environment = Environments.find(context, namespace).map(e -> e.getMetadata().getName()).orElse(namespace);
        boolean job = run.getSpec().jobRef != null;
        AlertPayloads.Subject subject = new AlertPayloads.Subject(environment, namespace, job ? "DataJob" : "DataPipeline",
                job ? run.getSpec().jobRef : run.getSpec().pipelineRef, run.getMetadata().getName(), delivery.event, status);
        Alert alert = alerts.get(delivery.alert);
        dispatcher.dispatch(new AlertDispatcher.Request(key(run, delivery), ResourceID.fromResource(run),
                alert.webhook.urlSecretRef, AlertPayloads.of(alert.webhook.format, subject)));
    }

    /** An Event on the run for a delivery that just ended; its message names the Secret, never the URL. */
    private void announce(DataRun run, AlertDeliveryStatus delivery, List<Alert> alerts) {
        SecretKeyRef ref = Optional.ofNullable(webhook(alerts, delivery)).map(a -> a.webhook.urlSecretRef).orElse(null);
        String subject = "alert " + delivery.alert + " (" + delivery.event + ")"
                + (ref == null ? "" : " to the webhook of Secret " + ref.name + ", key " + ref.key);
        if (delivery.state == AlertDeliveryState.Sent) {
            events.normal(run, SENT, subject + " " + delivery.message);
        } else {
            events.warning(run, FAILED, subject + " was not delivered: " + delivery.message);
        }
    }

    /**
     * The alerts the run fires: a job's as declared now, a pipeline's as frozen in the run (so that an alert's
     * index keeps meaning the same entry), or the pipeline's as declared when the run has not started.
     */
    private static List<Alert> declared(DataRun run, DataRunStatus status, Context<DataRun> context) {
        String namespace = run.getMetadata().getNamespace();
        List<Alert> alerts;
        if (run.getSpec().jobRef != null) {
            alerts = Caches.eventSource(context, DataJob.class).get(new ResourceID(run.getSpec().jobRef, namespace))
                    .map(j -> j.getSpec() == null ? null : j.getSpec().alerts).orElse(null);
        } else if (RunSnapshots.isFrozen(status)) {
            alerts = RunSnapshots.frozen(status).map(s -> s.pipeline == null ? null : s.pipeline.alerts).orElse(null);
        } else {
            alerts = Caches.eventSource(context, DataPipeline.class).get(new ResourceID(run.getSpec().pipelineRef, namespace))
                    .map(p -> p.getSpec() == null ? null : p.getSpec().alerts).orElse(null);
        }
        return alerts == null ? List.of() : alerts;
    }

    /** The target's previous outcome, looked up only when a success may be a recovery. */
    private static Optional<RunPhase> previousOutcome(DataRun run, DataRunStatus status, List<Alert> alerts, Context<DataRun> context) {
        boolean wanted = status.phase == RunPhase.Succeeded
                && alerts.stream().anyMatch(a -> a != null && a.events != null && a.events.contains(AlertEvent.Recovered));
        if (!wanted) {
            return Optional.empty();
        }
        List<DataRun> sameTarget = context.getPrimaryCache().list(run.getMetadata().getNamespace())
                .filter(r -> r.getSpec() != null && Objects.equals(r.getSpec().jobRef, run.getSpec().jobRef)
                        && Objects.equals(r.getSpec().pipelineRef, run.getSpec().pipelineRef))
                .toList();
        return RunHistory.previousOutcome(run.getMetadata().getName(), status.completionTime, sameTarget);
    }

    /** Results the run's stored status already records are not needed any more. */
    private void forgetRecorded(DataRun run) {
        if (run.getStatus() != null && run.getStatus().alerts != null) {
            run.getStatus().alerts.stream().filter(a -> a.state != AlertDeliveryState.Pending && a.alert != null)
                    .forEach(a -> dispatcher.forget(key(run, a)));
        }
    }

    private static Alert webhook(List<Alert> alerts, AlertDeliveryStatus delivery) {
        if (delivery.alert == null || delivery.alert < 0 || delivery.alert >= alerts.size()) {
            return null;
        }
        Alert alert = alerts.get(delivery.alert);
        return alert == null || alert.webhook == null || alert.webhook.urlSecretRef == null ? null : alert;
    }

    private static AlertDispatcher.Key key(DataRun run, AlertDeliveryStatus delivery) {
        return new AlertDispatcher.Key(run.getMetadata().getUid(), delivery.alert, delivery.event);
    }

    private static String target(DataRun run) {
        return run.getSpec().jobRef != null ? "DataJob " + run.getSpec().jobRef : "DataPipeline " + run.getSpec().pipelineRef;
    }
}

package io.raffinerie.model.alert;

import io.raffinerie.api.v1alpha1.AlertDeliveryState;
import io.raffinerie.api.v1alpha1.AlertDeliveryStatus;
import io.raffinerie.api.v1alpha1.AlertEvent;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.model.Conditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The alert deliveries recorded in a run's status: the record that keeps an alert from being sent twice for the
 * same run and event, across reconciliations and restarts.
 */
public final class AlertDeliveries {
    private AlertDeliveries() {
    }

    /** How one delivery ended, after its retries. */
    public record Result(boolean sent, int attempts, Instant lastAttempt, String message) {
    }

    /** Records the due alerts as Pending, skipping any the status already has (whatever their state). */
    public static void recordDue(DataRunStatus status, List<AlertTriggers.Due> due) {
        for (AlertTriggers.Due alert : due) {
            if (find(status, alert.alert(), alert.event()) == null) {
                AlertDeliveryStatus pending = new AlertDeliveryStatus();
                pending.alert = alert.alert();
                pending.event = alert.event();
                pending.state = AlertDeliveryState.Pending;
                pending.attempts = 0;
                if (status.alerts == null) {
                    status.alerts = new ArrayList<>();
                }
                status.alerts.add(pending);
            }
        }
    }

    /**
     * The Pending deliveries to start now: the first Pending one of each alert entry, so that an entry's webhook
     * hears of a run's events in order (Started before Failed).
     */
    public static List<AlertDeliveryStatus> dispatchable(DataRunStatus status) {
        List<AlertDeliveryStatus> ready = new ArrayList<>();
        Set<Integer> waiting = new HashSet<>();
        for (AlertDeliveryStatus delivery : pending(status)) {
            if (waiting.add(delivery.alert)) {
                ready.add(delivery);
            }
        }
        return ready;
    }

    public static List<AlertDeliveryStatus> pending(DataRunStatus status) {
        return status.alerts == null ? List.of()
                : status.alerts.stream().filter(a -> a.state == AlertDeliveryState.Pending).toList();
    }

    /** Folds a finished delivery into its record. */
    public static void apply(AlertDeliveryStatus delivery, Result result) {
        delivery.state = result.sent() ? AlertDeliveryState.Sent : AlertDeliveryState.Failed;
        delivery.attempts = result.attempts();
        if (result.lastAttempt() != null) {
            delivery.lastAttemptTime = Conditions.timestamp(result.lastAttempt());
            if (result.sent()) {
                delivery.sentTime = delivery.lastAttemptTime;
            }
        }
        delivery.message = result.message();
    }

    /** A delivery that cannot be attempted at all, such as one whose alert entry was removed. */
    public static void fail(AlertDeliveryStatus delivery, String message) {
        delivery.state = AlertDeliveryState.Failed;
        delivery.message = message;
    }

    public static AlertDeliveryStatus find(DataRunStatus status, int alert, AlertEvent event) {
        if (status == null || status.alerts == null) {
            return null;
        }
        return status.alerts.stream().filter(a -> a.alert != null && a.alert == alert && a.event == event).findFirst().orElse(null);
    }
}

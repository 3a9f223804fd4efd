package io.raffinerie.model.alert;

import io.raffinerie.api.v1alpha1.Alert;
import io.raffinerie.api.v1alpha1.AlertEvent;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.RunReason;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.Reasons;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which alerts a run's transition fires. Decided once, on the transition, and recorded in the run's status: a run
 * that was already finished when the operator (re)started fires nothing new.
 */
public final class AlertTriggers {
    private AlertTriggers() {
    }

    /** One alert to deliver: the index of the entry in spec.alerts and the event it fires on. */
    public record Due(int alert, AlertEvent event) {
    }

    /**
     * The alerts due for a run going from {@code before} to {@code after.phase}. {@code previousFinished} is the
     * phase of the target's previous finished run (Succeeded or Failed), for Recovered. Each alert entry fires at
     * most once per event kind: Started, then one of TimedOut, Failed, Recovered or Succeeded, the most specific it
     * lists.
     */
    public static List<Due> due(List<Alert> alerts, RunPhase before, DataRunStatus after, Optional<RunPhase> previousFinished) {
        List<Due> due = new ArrayList<>();
        if (alerts == null || after == null || after.phase == null || after.phase == before) {
            return due;
        }
        boolean wasRunning = before == RunPhase.Running;
        boolean wasFinished = before != null && before.isFinished();
        boolean started = !wasRunning && !wasFinished && (after.phase == RunPhase.Running
                || (after.phase == RunPhase.Succeeded || after.phase == RunPhase.Failed) && ran(after));
        List<AlertEvent> ending = wasFinished ? List.of() : endingEvents(after, previousFinished);
        for (int index = 0; index < alerts.size(); index++) {
            List<AlertEvent> on = alerts.get(index) == null || alerts.get(index).events == null ? List.of() : alerts.get(index).events;
            if (started && on.contains(AlertEvent.Started)) {
                due.add(new Due(index, AlertEvent.Started));
            }
            for (AlertEvent event : ending) {
                if (on.contains(event)) {
                    due.add(new Due(index, event));
                    break;
                }
            }
        }
        return due;
    }

    /** The events a finished run may fire, most specific first; an alert entry takes the first it lists. */
    private static List<AlertEvent> endingEvents(DataRunStatus after, Optional<RunPhase> previousFinished) {
        return switch (after.phase) {
            case Succeeded -> previousFinished.filter(p -> p == RunPhase.Failed).isPresent()
                    ? List.of(AlertEvent.Recovered, AlertEvent.Succeeded) : List.of(AlertEvent.Succeeded);
            case Failed -> timedOut(after) ? List.of(AlertEvent.TimedOut, AlertEvent.Failed) : List.of(AlertEvent.Failed);
            default -> List.of();
        };
    }

    /** A run that failed because it, or one of its steps, ran out of time. */
    public static boolean timedOut(DataRunStatus status) {
        if (status.phase != RunPhase.Failed) {
            return false;
        }
        if (status.reason == RunReason.DeadlineExceeded) {
            return true;
        }
        return status.steps != null && status.steps.stream().anyMatch(s -> s.phase == StepPhase.Failed
                && Reasons.DEADLINE_EXCEEDED.equals(s.reason));
    }

    /** A run seen only once finished still started if one of its steps ran. */
    private static boolean ran(DataRunStatus status) {
        return status.steps != null && status.steps.stream().anyMatch(AlertTriggers::ran);
    }

    private static boolean ran(StepStatus step) {
        return step.reusedFrom == null && (step.startTime != null || step.attempts != null && step.attempts > 0);
    }
}

package io.raffinerie.model.run;

import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.Trigger;
import java.util.Map;

/** The lifecycle fields of a run's status. */
public final class RunStatuses {
    /** Label on DataRuns the operator starts for a schedule. */
    public static final String TRIGGER_LABEL = "raffinerie.io/trigger";

    private RunStatuses() {
    }

    /** A run started by a schedule carries the trigger label; anything else was started by someone. */
    public static Trigger triggerOf(Map<String, String> labels) {
        return labels != null && Trigger.Schedule.name().equals(labels.get(TRIGGER_LABEL)) ? Trigger.Schedule : Trigger.Manual;
    }

    /** Sets phase and trigger on a run's first status. */
    public static void initialize(DataRunStatus status, Trigger trigger) {
        if (status.phase == null) {
            status.phase = RunPhase.Pending;
        }
        if (status.trigger == null) {
            status.trigger = trigger;
        }
    }

    public static boolean isFinished(DataRunStatus status) {
        return status != null && status.phase != null && status.phase.isFinished();
    }
}

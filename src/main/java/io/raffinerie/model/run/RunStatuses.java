package io.raffinerie.model.run;

import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.RunReason;
import io.raffinerie.api.v1alpha1.Trigger;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.Conditions;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.RunLabels;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The lifecycle fields of a run's status. */
public final class RunStatuses {
    private RunStatuses() {
    }

    /** A run started by a schedule carries the trigger label; anything else was started by someone. */
    public static Trigger triggerOf(Map<String, String> labels) {
        return labels != null && Trigger.Schedule.name().equals(labels.get(RunLabels.TRIGGER)) ? Trigger.Schedule : Trigger.Manual;
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

    /** The status of a job run, from its only step. */
    public static void applyJobRun(DataRunStatus status, StepStatus step, Clock clock) {
        status.steps = List.of(step);
        RunProgress.apply(status);
        status.phase = switch (step.phase) {
            case Pending -> RunPhase.Pending;
            case Running -> RunPhase.Running;
            case Succeeded -> RunPhase.Succeeded;
            case Failed, Skipped -> RunPhase.Failed;
            case Cancelled -> RunPhase.Cancelled;
        };
        if (status.startTime == null && step.startTime != null) {
            status.startTime = step.startTime;
        }
        if (status.phase.isFinished() && status.completionTime == null) {
            status.completionTime = step.completionTime != null ? step.completionTime : Conditions.timestamp(clock.instant());
            if (status.startTime == null) {
                status.startTime = status.completionTime;
            }
        }
        status.message = status.phase == RunPhase.Failed || status.phase == RunPhase.Cancelled ? step.message : null;
        status.reason = switch (status.phase) {
            case Failed -> RunReason.JobDeleted.is(step.reason) || RunReason.DeadlineExceeded.is(step.reason)
                    ? RunReason.valueOf(step.reason) : RunReason.StepFailed;
            case Cancelled -> RunReason.Cancelled;
            default -> null;
        };
    }

    /** A step that never started because the run was cancelled first. */
    public static StepStatus cancelledBeforeStart(String step, String job) {
        StepStatus status = new StepStatus();
        status.name = step;
        status.job = job;
        status.phase = StepPhase.Cancelled;
        status.reason = Reasons.CANCELLED;
        status.message = "the run was cancelled before this step started";
        return status;
    }

    /** A step whose Job was created and then deleted by someone before it finished: it failed, and says why. */
    public static StepStatus jobDeleted(StepStatus previous, String step, String job, Instant now) {
        StepStatus lost = previous == null ? new StepStatus() : copy(previous);
        lost.name = step;
        lost.job = job;
        lost.phase = StepPhase.Failed;
        lost.reason = Reasons.JOB_DELETED;
        lost.message = "the Job " + job + " of this step was deleted before it finished";
        lost.completionTime = Conditions.timestamp(now);
        return lost;
    }

    /** A run whose Job the API server refused: it cannot start or go on, so it fails and says why. */
    public static void refused(DataRunStatus status, String message, Instant now) {
        failed(status, RunReason.RefusedByApiServer, message, now);
    }

    /** A run that fails as a whole, for a reason of its own rather than a step's. */
    public static void failed(DataRunStatus status, RunReason reason, String message, Instant now) {
        status.phase = RunPhase.Failed;
        status.reason = reason;
        status.message = message;
        if (status.startTime == null) {
            status.startTime = Conditions.timestamp(now);
        }
        status.completionTime = Conditions.timestamp(now);
    }

    /** A job run records the revision it executes once its step exists; its step says the same. */
    public static void recordRevision(DataRunStatus status, Long revision) {
        if (status.revision == null && revision != null && !status.steps.isEmpty()) {
            status.revision = revision;
        }
        if (status.revision != null && !status.steps.isEmpty() && status.steps.get(0).revision == null) {
            status.steps.get(0).revision = status.revision;
        }
    }

    public static StepStatus copy(StepStatus step) {
        StepStatus copy = new StepStatus();
        copy.name = step.name;
        copy.phase = step.phase;
        copy.job = step.job;
        copy.attempts = step.attempts;
        copy.startTime = step.startTime;
        copy.completionTime = step.completionTime;
        copy.exitCode = step.exitCode;
        copy.reason = step.reason;
        copy.message = step.message;
        copy.logTail = step.logTail;
        copy.reusedFrom = step.reusedFrom;
        copy.finallyStep = step.finallyStep;
        copy.results = step.results;
        copy.revision = step.revision;
        return copy;
    }

    public static boolean isFinished(DataRunStatus status) {
        return status != null && status.phase != null && status.phase.isFinished();
    }
}

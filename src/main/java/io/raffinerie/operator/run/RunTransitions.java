package io.raffinerie.operator.run;

import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.raffinerie.model.LogLines;
import io.raffinerie.model.run.RunMeasures;
import io.raffinerie.operator.common.EventRecorder;
import io.raffinerie.operator.common.RecentKeys;
import io.raffinerie.operator.common.RunMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Tells people about a run's transitions: a line in the operator's log, Events on the run and on the job it runs, and
 * the run metrics.
 */
@ApplicationScoped
public class RunTransitions {
    private static final Logger LOG = Logger.getLogger(RunTransitions.class);
    /** One line per transition, even when a conflicting status write makes the reconciliation compute it again. */
    private final RecentKeys logged = new RecentKeys(20_000);
    private final EventRecorder events;
    private final RunMetrics metrics;

    public RunTransitions(EventRecorder events, RunMetrics metrics) {
        this.events = events;
        this.metrics = metrics;
    }

    void record(DataRun run, Optional<DataJob> job, RunPhase before, DataRunStatus after, Context<DataRun> context) {
        metrics.trackActive(run.getMetadata().getNamespace(), RunMeasures.Target.of(run).kind(), context.getPrimaryCache());
        if (Objects.equals(before, after.phase) || after.phase == null || after.phase == RunPhase.Pending) {
            return;
        }
        if (logged.firstTime(run.getMetadata().getUid() + "/" + after.phase)) {
            LOG.info(LogLines.runTransition(run.getMetadata().getNamespace(), run.getMetadata().getName(), before, after));
        }
        if (after.phase.isFinished()) {
            metrics.runFinished(run, after.trigger, after.phase, RunMeasures.duration(after));
        }
        String subject = "run " + run.getMetadata().getName();
        String reason;
        String message;
        switch (after.phase) {
            case Running -> {
                reason = "Started";
                message = subject + " started";
            }
            case Succeeded -> {
                reason = "Succeeded";
                message = subject + " succeeded";
            }
            case Failed -> {
                reason = "Failed";
                message = subject + " failed" + (after.message == null ? "" : ": " + after.message);
            }
            default -> {
                reason = "Cancelled";
                message = subject + " was cancelled";
            }
        }
        boolean warning = after.phase == RunPhase.Failed;
        for (var involved : job.isPresent() ? List.of(run, job.get()) : List.of(run)) {
            if (warning) {
                events.warning(involved, reason, message);
            } else {
                events.normal(involved, reason, message);
            }
        }
    }

    /** Events on the run when a step starts, succeeds, fails or is skipped. */
    void recordSteps(DataRun run, List<StepStatus> before, List<StepStatus> after) {
        Map<String, StepPhase> previous = new HashMap<>();
        before.forEach(step -> previous.put(step.name, step.phase));
        for (StepStatus step : after) {
            StepPhase was = previous.get(step.name);
            if (step.phase == was || step.reusedFrom != null) {
                continue;
            }
            String subject = "step " + step.name;
            if (step.phase == StepPhase.Succeeded || step.phase == StepPhase.Failed) {
                metrics.stepFinished(run, step.name, step.phase, RunMeasures.duration(step));
            }
            switch (step.phase) {
                case Running -> events.normal(run, "StepStarted", subject + " started (Job " + step.job + ")");
                case Succeeded -> events.normal(run, "StepSucceeded", subject + " succeeded");
                case Failed -> events.warning(run, "StepFailed", subject + " failed" + (step.message == null ? "" : ": " + step.message));
                case Skipped -> events.normal(run, "StepSkipped", subject + " skipped: " + step.message);
                case Cancelled -> events.normal(run, "StepCancelled", subject + " cancelled");
                default -> {
                }
            }
        }
    }
}

package io.raffinerie.model.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.Alert;
import io.raffinerie.api.v1alpha1.AlertEvent;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.RunReason;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.alert.AlertTriggers.Due;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertTriggersTest {
    static Alert on(AlertEvent... events) {
        Alert alert = new Alert();
        alert.events = List.of(events);
        return alert;
    }

    static DataRunStatus status(RunPhase phase, String message, StepPhase step, String stepMessage) {
        DataRunStatus status = new DataRunStatus();
        status.phase = phase;
        status.message = message;
        StepStatus only = new StepStatus();
        only.name = "extract";
        only.phase = step;
        only.message = stepMessage;
        only.startTime = step == StepPhase.Pending ? null : "2026-11-28T01:00:00Z";
        status.steps = List.of(only);
        return status;
    }

    private static final Optional<RunPhase> NONE = Optional.empty();
    private final List<Alert> everything = List.of(on(AlertEvent.values()));

    @Test
    void startedFiresWhenTheRunBecomesRunningAndOnlyThen() {
        DataRunStatus running = status(RunPhase.Running, null, StepPhase.Running, null);
        assertThat(AlertTriggers.due(everything, RunPhase.Pending, running, NONE)).containsExactly(new Due(0, AlertEvent.Started));
        assertThat(AlertTriggers.due(everything, null, running, NONE)).containsExactly(new Due(0, AlertEvent.Started));
        assertThat(AlertTriggers.due(everything, RunPhase.Running, running, NONE)).isEmpty();
    }

    @Test
    void aFailureFiresFailedOnceAndARunSeenOnlyFinishedStillStarted() {
        DataRunStatus failed = status(RunPhase.Failed, "BackoffLimitExceeded", StepPhase.Failed, "BackoffLimitExceeded");
        assertThat(AlertTriggers.due(everything, RunPhase.Running, failed, NONE)).containsExactly(new Due(0, AlertEvent.Failed));
        assertThat(AlertTriggers.due(everything, RunPhase.Pending, failed, NONE))
                .containsExactly(new Due(0, AlertEvent.Started), new Due(0, AlertEvent.Failed));
    }

    @Test
    void aTimeoutFiresTimedOutWhereListedElseFailedNeverBoth() {
        DataRunStatus job = status(RunPhase.Failed, "ran longer than its timeout of 30m", StepPhase.Failed,
                "ran longer than its timeout of 30m");
        job.reason = RunReason.DeadlineExceeded;
        job.steps.get(0).reason = "DeadlineExceeded";
        DataRunStatus pipelineStep = status(RunPhase.Failed, "step extract failed: ran longer than its timeout of 30m",
                StepPhase.Failed, "ran longer than its timeout of 30m");
        pipelineStep.reason = RunReason.StepFailed;
        pipelineStep.steps.get(0).reason = "DeadlineExceeded";
        List<Alert> alerts = List.of(on(AlertEvent.Failed, AlertEvent.TimedOut), on(AlertEvent.Failed), on(AlertEvent.TimedOut),
                on(AlertEvent.Succeeded));
        for (DataRunStatus status : List.of(job, pipelineStep)) {
            assertThat(AlertTriggers.timedOut(status)).isTrue();
            assertThat(AlertTriggers.due(alerts, RunPhase.Running, status, NONE)).containsExactly(
                    new Due(0, AlertEvent.TimedOut), new Due(1, AlertEvent.Failed), new Due(2, AlertEvent.TimedOut));
        }
        DataRunStatus plain = status(RunPhase.Failed, "exit code 3 after 2 attempts", StepPhase.Failed,
                "exit code 3 after 2 attempts");
        plain.reason = RunReason.StepFailed;
        plain.steps.get(0).reason = "BackoffLimitExceeded";
        assertThat(AlertTriggers.due(alerts, RunPhase.Running, plain, NONE))
                .containsExactly(new Due(0, AlertEvent.Failed), new Due(1, AlertEvent.Failed));
    }

    @Test
    void aSuccessAfterAFailureIsARecoveryOnEntriesThatListIt() {
        DataRunStatus succeeded = status(RunPhase.Succeeded, null, StepPhase.Succeeded, null);
        List<Alert> alerts = List.of(on(AlertEvent.Recovered), on(AlertEvent.Succeeded), on(AlertEvent.Succeeded, AlertEvent.Recovered));
        assertThat(AlertTriggers.due(alerts, RunPhase.Running, succeeded, Optional.of(RunPhase.Failed))).containsExactly(
                new Due(0, AlertEvent.Recovered), new Due(1, AlertEvent.Succeeded), new Due(2, AlertEvent.Recovered));
        assertThat(AlertTriggers.due(alerts, RunPhase.Running, succeeded, Optional.of(RunPhase.Succeeded)))
                .containsExactly(new Due(1, AlertEvent.Succeeded), new Due(2, AlertEvent.Succeeded));
        assertThat(AlertTriggers.due(alerts, RunPhase.Running, succeeded, NONE))
                .containsExactly(new Due(1, AlertEvent.Succeeded), new Due(2, AlertEvent.Succeeded));
    }

    @Test
    void finishedRunsAndCancelledRunsFireNothing() {
        DataRunStatus failed = status(RunPhase.Failed, "x", StepPhase.Failed, "x");
        assertThat(AlertTriggers.due(everything, RunPhase.Failed, failed, NONE)).isEmpty();
        assertThat(AlertTriggers.due(everything, RunPhase.Succeeded, failed, NONE)).isEmpty();
        DataRunStatus cancelled = status(RunPhase.Cancelled, null, StepPhase.Cancelled, null);
        assertThat(AlertTriggers.due(everything, RunPhase.Running, cancelled, NONE)).isEmpty();
        DataRunStatus cancelledBeforeStart = status(RunPhase.Cancelled, null, StepPhase.Pending, null);
        assertThat(AlertTriggers.due(everything, RunPhase.Pending, cancelledBeforeStart, NONE)).isEmpty();
        assertThat(AlertTriggers.due(null, RunPhase.Running, failed, NONE)).isEmpty();
    }
}

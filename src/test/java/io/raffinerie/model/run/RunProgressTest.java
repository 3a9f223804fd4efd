package io.raffinerie.model.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.RunReason;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunProgressTest {
    private static StepStatus step(String name, StepPhase phase, String reason) {
        StepStatus step = new StepStatus();
        step.name = name;
        step.phase = phase;
        step.reason = reason;
        return step;
    }

    @Test
    void aFailedRunCountsItsSucceededStepsOfAllAndSaysTheRest() {
        RunProgress progress = RunProgress.of(List.of(step("extract", StepPhase.Succeeded, null),
                step("clean", StepPhase.Succeeded, null), step("enrich", StepPhase.Failed, "BackoffLimitExceeded"),
                step("load", StepPhase.Skipped, "StopOnFailure")));
        assertThat(progress.progress()).isEqualTo("2/4");
        assertThat(progress.summary()).isEqualTo("4 of 4 finished: 2 succeeded, 1 failed, 1 skipped");
    }

    @Test
    void aStepWhoseConditionWasNotMetWasNotMeantToRun() {
        RunProgress progress = RunProgress.of(List.of(step("load", StepPhase.Succeeded, null),
                step("page", StepPhase.Skipped, "ConditionNotMet")));
        assertThat(progress.progress()).isEqualTo("1/1");
        assertThat(progress.summary()).isEqualTo("2 of 2 finished: 1 succeeded, 1 skipped");
    }

    @Test
    void aRunningRunSaysWhatIsStillGoing() {
        RunProgress progress = RunProgress.of(List.of(step("a", StepPhase.Succeeded, null), step("b", StepPhase.Running, null),
                step("c", StepPhase.Pending, null)));
        assertThat(progress.progress()).isEqualTo("1/3");
        assertThat(progress.summary()).isEqualTo("1 of 3 finished: 1 succeeded, 1 running, 1 pending");
    }

    @Test
    void aFailedOrCancelledJobRunReadsZeroOfOneWithItsReason() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
        DataRunStatus failed = new DataRunStatus();
        StepStatus step = step("extract", StepPhase.Failed, "BackoffLimitExceeded");
        step.message = "exit code 3 after 2 attempts";
        RunStatuses.applyJobRun(failed, step, clock);
        assertThat(failed.phase).isEqualTo(RunPhase.Failed);
        assertThat(failed.progress).isEqualTo("0/1");
        assertThat(failed.summary).isEqualTo("1 of 1 finished: 1 failed");
        assertThat(failed.reason).isEqualTo(RunReason.StepFailed);
        assertThat(failed.message).isEqualTo("exit code 3 after 2 attempts");

        DataRunStatus timedOut = new DataRunStatus();
        RunStatuses.applyJobRun(timedOut, step("extract", StepPhase.Failed, "DeadlineExceeded"), clock);
        assertThat(timedOut.reason).isEqualTo(RunReason.DeadlineExceeded);

        DataRunStatus cancelled = new DataRunStatus();
        RunStatuses.applyJobRun(cancelled, RunStatuses.cancelledBeforeStart("extract", "r"), clock);
        assertThat(cancelled.progress).isEqualTo("0/1");
        assertThat(cancelled.reason).isEqualTo(RunReason.Cancelled);

        DataRunStatus succeeded = new DataRunStatus();
        succeeded.reason = RunReason.StepFailed;
        RunStatuses.applyJobRun(succeeded, step("extract", StepPhase.Succeeded, null), clock);
        assertThat(succeeded.progress).isEqualTo("1/1");
        assertThat(succeeded.reason).isNull();
    }

    @Test
    void aRefusedRunSaysSo() {
        DataRunStatus status = new DataRunStatus();
        RunStatuses.refused(status, "the API server refused the Job: ...", Instant.parse("2026-11-28T10:00:00Z"));
        assertThat(status.reason).isEqualTo(RunReason.RefusedByApiServer);
    }
}

package io.raffinerie.model.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.History;
import io.raffinerie.api.v1alpha1.RunPhase;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunHistoryTest {
    private static DataRun run(String name, String created, RunPhase phase) {
        DataRun run = new DataRun();
        run.getMetadata().setName(name);
        run.getMetadata().setCreationTimestamp(created);
        run.setStatus(new DataRunStatus());
        run.getStatus().phase = phase;
        return run;
    }

    private final List<DataRun> runs = List.of(
            run("a", "2026-11-28T01:00:00Z", RunPhase.Succeeded),
            run("b", "2026-11-28T02:00:00Z", RunPhase.Failed),
            run("c", "2026-11-28T03:00:00Z", RunPhase.Succeeded),
            run("d", "2026-11-28T04:00:00Z", RunPhase.Cancelled),
            run("e", "2026-11-28T05:00:00Z", RunPhase.Succeeded),
            run("f", "2026-11-28T06:00:00Z", RunPhase.Running));

    @Test
    void lastRunIsTheNewest() {
        assertThat(RunHistory.lastRun(runs)).hasValueSatisfying(summary -> {
            assertThat(summary.name).isEqualTo("f");
            assertThat(summary.phase).isEqualTo(RunPhase.Running);
        });
    }

    @Test
    void finishedRunsBeyondTheLimitsGoOldestFirstAndRunningOnesStay() {
        History history = new History();
        history.succeeded = 1;
        history.failed = 1;
        assertThat(RunHistory.beyondLimits(runs, history)).extracting(r -> r.getMetadata().getName())
                .containsExactly("a", "b", "c");
    }

    @Test
    void zeroKeepsNothingFinished() {
        History history = new History();
        history.succeeded = 0;
        history.failed = 0;
        assertThat(RunHistory.beyondLimits(runs, history)).hasSize(5);
    }

    private static DataRun finished(String name, String completed, RunPhase phase) {
        DataRun run = run(name, "2026-11-28T00:00:00Z", phase);
        run.getStatus().completionTime = completed;
        return run;
    }

    @Test
    void previousOutcomeIsTheRunThatFinishedLastBeforeIgnoringCancelledAndRunningOnes() {
        List<DataRun> target = List.of(finished("a", "2026-11-28T01:00:00Z", RunPhase.Succeeded),
                finished("b", "2026-11-28T02:00:00Z", RunPhase.Failed),
                finished("c", "2026-11-28T03:00:00Z", RunPhase.Cancelled),
                run("d", "2026-11-28T04:00:00Z", RunPhase.Running),
                finished("later", "2026-11-28T09:00:00Z", RunPhase.Succeeded),
                finished("self", "2026-11-28T05:00:00Z", RunPhase.Running));
        assertThat(RunHistory.previousOutcome("self", "2026-11-28T05:00:00Z", target)).contains(RunPhase.Failed);
        assertThat(RunHistory.previousOutcome("self", "2026-11-28T01:30:00Z", target)).contains(RunPhase.Succeeded);
        assertThat(RunHistory.previousOutcome("self", "2026-11-28T00:30:00Z", target)).isEmpty();
    }
}

package io.raffinerie.model.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.History;
import io.raffinerie.api.v1alpha1.RunPhase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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

    private static DataRun finished(String name, String created, RunPhase phase, String completed) {
        DataRun run = run(name, created, phase);
        run.getStatus().completionTime = completed;
        return run;
    }

    @Test
    void finishedRunsPastTheirTimeToLiveExpireWithinTheCountsAndTheNextExpiryIsScheduled() {
        History history = new History();
        history.ttlSecondsAfterFinished = 3600;
        List<DataRun> timed = List.of(
                finished("old", "2026-11-28T01:00:00Z", RunPhase.Succeeded, "2026-11-28T01:10:00Z"),
                finished("recent", "2026-11-28T02:00:00Z", RunPhase.Failed, "2026-11-28T02:30:00Z"),
                run("running", "2026-11-28T01:00:00Z", RunPhase.Running));
        Instant now = Instant.parse("2026-11-28T03:00:00Z");

        assertThat(RunHistory.expired(timed, history, now, false)).extracting(r -> r.getMetadata().getName()).containsExactly("old");
        assertThat(RunHistory.untilNextExpiry(timed, history, now)).contains(Duration.ofMinutes(30));
        assertThat(RunHistory.untilNextExpiry(timed, new History(), now)).isEmpty();
    }

    @Test
    void aRunBeyondTheCountsAndItsTimeToLiveIsDeletedOnce() {
        History history = new History();
        history.succeeded = 0;
        history.ttlSecondsAfterFinished = 60;
        List<DataRun> both = List.of(finished("x", "2026-11-28T01:00:00Z", RunPhase.Succeeded, "2026-11-28T01:10:00Z"));
        assertThat(RunHistory.expired(both, history, Instant.parse("2026-11-28T03:00:00Z"), false)).hasSize(1);
    }

    @Test
    void withTheArchiveOnARunLeavesTheHistoryOnlyOnceArchivedAndItsArchivingIsAChangeTheTargetSees() {
        History history = new History();
        history.succeeded = 0;
        DataRun waiting = finished("waiting", "2026-11-28T01:00:00Z", RunPhase.Succeeded, "2026-11-28T01:10:00Z");
        DataRun archived = finished("archived", "2026-11-28T02:00:00Z", RunPhase.Succeeded, "2026-11-28T02:10:00Z");
        ArchiveConditions.markArchived(archived.getStatus(), Clock.fixed(Instant.parse("2026-11-28T02:11:00Z"), ZoneOffset.UTC));
        Instant now = Instant.parse("2026-11-28T03:00:00Z");

        assertThat(RunHistory.expired(List.of(waiting, archived), history, now, true)).extracting(r -> r.getMetadata().getName())
                .containsExactly("archived");
        assertThat(RunHistory.expired(List.of(waiting, archived), history, now, false)).hasSize(2);

        DataRun cachedBefore = finished("waiting", "2026-11-28T01:00:00Z", RunPhase.Succeeded, "2026-11-28T01:10:00Z");
        cachedBefore.setStatus(RunHistory.historyView(cachedBefore.getStatus()));
        DataRun cachedAfter = finished("waiting", "2026-11-28T01:00:00Z", RunPhase.Succeeded, "2026-11-28T01:10:00Z");
        ArchiveConditions.markArchived(cachedAfter.getStatus(), Clock.fixed(now, ZoneOffset.UTC));
        cachedAfter.setStatus(RunHistory.historyView(cachedAfter.getStatus()));
        assertThat(RunHistory.historyChanged(cachedBefore, cachedAfter)).as("archiving reconciles the target").isTrue();
        assertThat(RunHistory.expired(List.of(cachedAfter), history, now, true)).as("the history view keeps Archived").hasSize(1);
    }

    @Test
    void previousOutcomeIsTheRunThatFinishedLastBeforeIgnoringCancelledAndRunningOnes() {
        List<DataRun> target = List.of(finished("a", "2026-11-28T00:00:00Z", RunPhase.Succeeded, "2026-11-28T01:00:00Z"),
                finished("b", "2026-11-28T00:00:00Z", RunPhase.Failed, "2026-11-28T02:00:00Z"),
                finished("c", "2026-11-28T00:00:00Z", RunPhase.Cancelled, "2026-11-28T03:00:00Z"),
                run("d", "2026-11-28T04:00:00Z", RunPhase.Running),
                finished("later", "2026-11-28T00:00:00Z", RunPhase.Succeeded, "2026-11-28T09:00:00Z"),
                finished("self", "2026-11-28T00:00:00Z", RunPhase.Running, "2026-11-28T05:00:00Z"));
        assertThat(RunHistory.previousOutcome("self", "2026-11-28T05:00:00Z", target)).contains(RunPhase.Failed);
        assertThat(RunHistory.previousOutcome("self", "2026-11-28T01:30:00Z", target)).contains(RunPhase.Succeeded);
        assertThat(RunHistory.previousOutcome("self", "2026-11-28T00:30:00Z", target)).isEmpty();
    }

    @Test
    void theHistoryViewKeepsPhaseTimesAndProgressAndDropsTheRest() {
        DataRun full = run("g", "2026-11-28T07:00:00Z", RunPhase.Running);
        full.getStatus().startTime = "2026-11-28T07:00:01Z";
        full.getStatus().progress = "1/3";
        full.getStatus().message = "waiting for b";
        full.getStatus().steps.add(new io.raffinerie.api.v1alpha1.StepStatus());
        full.getStatus().snapshot = new io.raffinerie.api.v1alpha1.RunSnapshot();
        DataRunStatus view = RunHistory.historyView(full.getStatus());
        assertThat(view.phase).isEqualTo(RunPhase.Running);
        assertThat(view.startTime).isEqualTo("2026-11-28T07:00:01Z");
        assertThat(view.progress).isEqualTo("1/3");
        assertThat(view.message).isNull();
        assertThat(view.steps).isEmpty();
        assertThat(view.snapshot).isNull();
        assertThat(RunHistory.historyView(null)).isNull();
    }

    @Test
    void onlyWhatTheHistoryShowsCountsAsAChange() {
        DataRun before = run("h", "2026-11-28T08:00:00Z", RunPhase.Running);
        before.getStatus().progress = "1/3";
        DataRun stepMoved = run("h", "2026-11-28T08:00:00Z", RunPhase.Running);
        stepMoved.getStatus().progress = "1/3";
        stepMoved.getStatus().message = "waiting for c";
        stepMoved.getStatus().steps.add(new io.raffinerie.api.v1alpha1.StepStatus());
        assertThat(RunHistory.historyChanged(before, stepMoved)).isFalse();

        DataRun progressed = run("h", "2026-11-28T08:00:00Z", RunPhase.Running);
        progressed.getStatus().progress = "2/3";
        assertThat(RunHistory.historyChanged(before, progressed)).isTrue();
        DataRun finished = run("h", "2026-11-28T08:00:00Z", RunPhase.Succeeded);
        finished.getStatus().progress = "1/3";
        assertThat(RunHistory.historyChanged(before, finished)).isTrue();
        DataRun deleting = run("h", "2026-11-28T08:00:00Z", RunPhase.Running);
        deleting.getStatus().progress = "1/3";
        deleting.getMetadata().setDeletionTimestamp("2026-11-28T09:00:00Z");
        assertThat(RunHistory.historyChanged(before, deleting)).isTrue();
        DataRun noStatusYet = run("h", "2026-11-28T08:00:00Z", null);
        noStatusYet.setStatus(null);
        assertThat(RunHistory.historyChanged(noStatusYet, before)).isTrue();
    }
}

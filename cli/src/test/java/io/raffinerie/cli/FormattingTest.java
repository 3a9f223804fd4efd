package io.raffinerie.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunSpec;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.Parameter;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormattingTest {
    static final Instant NOW = Instant.parse("2026-11-29T10:05:00Z");

    static DataRun run(String name, RunPhase phase, String start, StepStatus... steps) {
        DataRun run = new DataRun();
        run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("sales").withCreationTimestamp(start).build());
        run.setSpec(new DataRunSpec());
        run.getSpec().pipelineRef = "daily-sales";
        run.setStatus(new DataRunStatus());
        run.getStatus().phase = phase;
        run.getStatus().startTime = start;
        run.getStatus().steps = List.of(steps);
        return run;
    }

    static StepStatus step(String name, StepPhase phase, String start, String end, Integer exit, String reason) {
        StepStatus step = new StepStatus();
        step.name = name;
        step.phase = phase;
        step.startTime = start;
        step.completionTime = end;
        step.exitCode = exit;
        step.attempts = start == null ? null : 1;
        step.reason = reason;
        return step;
    }

    @Test
    void aTableAlignsItsColumnsTwoSpacesApartWithoutTrailingBlanks() {
        String table = new Table("NAME", "PHASE", "REASON").row("a", "Succeeded", null).row("longer-name", "Failed", "Error").render();
        assertThat(table).isEqualTo("""
                NAME         PHASE      REASON
                a            Succeeded
                longer-name  Failed     Error
                """);
    }

    @Test
    void aRunReadsAsATreeOfItsStepsWithPhaseDurationExitCodeAttemptsAndReason() {
        DataRun run = run("daily-sales-x7k2p", RunPhase.Running, "2026-11-29T10:00:00Z",
                step("extract", StepPhase.Succeeded, "2026-11-29T10:00:00Z", "2026-11-29T10:01:30Z", 0, null),
                step("load", StepPhase.Running, "2026-11-29T10:01:30Z", null, null, null),
                step("page", StepPhase.Pending, null, null, null, null));
        run.getStatus().progress = "1/3";
        assertThat(RunView.tree(run, false, NOW)).isEqualTo("""
                STEP                                                 PHASE      DURATION  EXIT  ATTEMPTS  REASON
                daily-sales-x7k2p (pipeline daily-sales, 1/3 steps)  Running    5m
                ├─ extract                                           Succeeded  1m30s     0     1
                ├─ load                                              Running    3m30s           1
                └─ page                                              Pending
                """);
    }

    @Test
    void theWideTreeAddsTheJobAndWhereAReusedResultCameFrom() {
        StepStatus reused = step("extract", StepPhase.Succeeded, "2026-11-29T10:00:00Z", "2026-11-29T10:00:10Z", 0, null);
        reused.reusedFrom = "daily-sales-abcde";
        reused.job = "daily-sales-abcde-extract";
        reused.results = new java.util.LinkedHashMap<>(Map.of("rows", "40"));
        reused.results.put("file", "orders.csv");
        String tree = RunView.tree(run("daily-sales-x7k2p", RunPhase.Succeeded, "2026-11-29T10:00:00Z", reused), true, NOW);
        assertThat(tree.lines().findFirst().orElseThrow()).contains("JOB", "STARTED", "REUSED FROM", "RESULTS", "MESSAGE");
        assertThat(tree).contains("daily-sales-abcde-extract").contains("└─ extract").contains("rows=40 file=orders.csv");
    }

    @Test
    void aWatchPrintsEachStepChangeOnceAndTheClosingLineSaysWhy() {
        Map<String, String> seen = new HashMap<>();
        DataRun running = run("r", RunPhase.Running, "2026-11-29T10:00:00Z",
                step("extract", StepPhase.Running, "2026-11-29T10:00:00Z", null, null, null),
                step("load", StepPhase.Pending, null, null, null, null));
        assertThat(RunView.changes(seen, running, NOW)).containsExactly("extract Running", "load Pending");
        assertThat(RunView.changes(seen, running, NOW)).isEmpty();
        DataRun failed = run("r", RunPhase.Failed, "2026-11-29T10:00:00Z",
                step("extract", StepPhase.Failed, "2026-11-29T10:00:00Z", "2026-11-29T10:00:03Z", 1, "Error"),
                step("load", StepPhase.Skipped, null, null, null, "DependencyFailed"));
        failed.getStatus().completionTime = "2026-11-29T10:00:04Z";
        failed.getStatus().message = "step extract failed";
        assertThat(RunView.changes(seen, failed, NOW)).containsExactly("extract Failed in 3s (exit 1): Error",
                "load Skipped: DependencyFailed");
        assertThat(RunView.summary(failed, NOW)).isEqualTo("run r Failed, in 4s: step extract failed");
    }

    @Test
    void exitCodesFollowTheRunsResult() {
        assertThat(ExitCodes.of(RunPhase.Succeeded)).isZero();
        assertThat(ExitCodes.of(RunPhase.Failed)).isEqualTo(1);
        assertThat(ExitCodes.of(RunPhase.Cancelled)).isEqualTo(2);
    }

    @Test
    void parametersAreNameEqualsValueAndAreCheckedWithTheOperatorsRules() {
        assertThat(ParameterOptions.parse(List.of("DAY=2026-11-29", "QUERY=a=b"))).containsEntry("DAY", "2026-11-29")
                .containsEntry("QUERY", "a=b");
        assertThatThrownBy(() -> ParameterOptions.parse(List.of("DAY"))).hasMessageContaining("-p DAY: a parameter is NAME=VALUE");
        List<Parameter> declared = List.of(new Parameter("DAY", null), new Parameter("REGION", "eu"));
        assertThatThrownBy(() -> ParameterOptions.check("pipeline daily-sales", declared, Map.of()))
                .hasMessage("pipeline daily-sales requires a value for DAY, which has no default; set parameters with -p NAME=VALUE")
                .extracting(e -> ((CliException) e).exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThatThrownBy(() -> ParameterOptions.check("pipeline daily-sales", declared, Map.of("DAY", "x", "REGOIN", "us")))
                .hasMessageContaining("declares no parameter REGOIN; did you mean \"REGION\"?");
    }

    @Test
    void aForbiddenActionNamesTheRbacVerbAndResource() {
        String message = ApiErrors.forbidden("dataruns.raffinerie.io is forbidden: User \"bob\" cannot create resource \"dataruns\""
                + " in API group \"raffinerie.io\" in the namespace \"sales\"");
        assertThat(message).startsWith("forbidden: bob may not create dataruns.raffinerie.io in namespace sales")
                .contains("RBAC verb \"create\" on resource \"dataruns.raffinerie.io\"")
                .endsWith("kubectl auth can-i create dataruns.raffinerie.io -n sales");
        assertThat(ApiErrors.forbidden("datatechnologies.raffinerie.io is forbidden: User \"bob\" cannot list resource"
                + " \"datatechnologies\" in API group \"raffinerie.io\" at the cluster scope")).contains("(cluster-wide)")
                .contains("RBAC verb \"list\"");
    }

    @Test
    void aLogReadAgainPrintsOnlyWhatCameAfterTheLastPrintedLine() {
        LogCursor cursor = new LogCursor();
        assertThat(cursor.accept("2026-11-29T10:00:00.1Z one")).contains("one");
        assertThat(cursor.accept("2026-11-29T10:00:00.2Z two")).contains("two");
        assertThat(cursor.accept("2026-11-29T10:00:00.2Z two again")).contains("two again");
        cursor.rewind();
        assertThat(cursor.accept("2026-11-29T10:00:00.1Z one")).isEmpty();
        assertThat(cursor.accept("2026-11-29T10:00:00.2Z two")).isEmpty();
        assertThat(cursor.accept("2026-11-29T10:00:00.2Z two again")).isEmpty();
        assertThat(cursor.accept("2026-11-29T10:00:00.2Z three, same instant")).contains("three, same instant");
        assertThat(cursor.accept("2026-11-29T10:00:01Z four")).contains("four");
    }

    @Test
    void listFiltersFailedRunsAndRunsSinceADurationNewestFirst() {
        DataRun old = run("old", RunPhase.Failed, "2026-11-27T10:00:00Z");
        DataRun recentFailed = run("recent-failed", RunPhase.Failed, "2026-11-29T09:00:00Z");
        DataRun recentOk = run("recent-ok", RunPhase.Succeeded, "2026-11-29T10:00:00Z");
        List<DataRun> all = List.of(old, recentFailed, recentOk);
        assertThat(Listings.runs(all, false, null, NOW)).extracting(r -> r.getMetadata().getName())
                .containsExactly("recent-ok", "recent-failed", "old");
        assertThat(Listings.runs(all, true, Listings.since("24h"), NOW)).extracting(r -> r.getMetadata().getName())
                .containsExactly("recent-failed");
        assertThatThrownBy(() -> Listings.since("yesterday")).hasMessageContaining("--since yesterday: a duration is");
        assertThat(Listings.runTable(List.of(recentOk), true, false, NOW)).startsWith("NAMESPACE  NAME").contains("pipeline/daily-sales")
                .contains("5m ago");
        assertThat(Duration.ofHours(24)).isEqualTo(Listings.since("24h"));
    }
}

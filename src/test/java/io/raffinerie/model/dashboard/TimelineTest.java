package io.raffinerie.model.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunSpec;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {
    static final Instant NOW = Instant.parse("2026-11-29T10:01:40Z");

    @Test
    void barsAreLaidOnTheRunsSpanAndARunningStepReachesNow() {
        DataRunStatus status = new DataRunStatus();
        status.steps = List.of(step("extract", StepPhase.Succeeded, "2026-11-29T10:00:00Z", "2026-11-29T10:00:50Z"),
                step("load", StepPhase.Running, "2026-11-29T10:00:50Z", null),
                step("page", StepPhase.Skipped, null, null));
        List<Timeline.StepRow> rows = Timeline.of(status, NOW);
        assertThat(rows).extracting(Timeline.StepRow::left).containsExactly("0.00%", "50.00%", "0.00%");
        assertThat(rows).extracting(Timeline.StepRow::width).containsExactly("50.00%", "50.00%", "0.00%");
        assertThat(rows).extracting(Timeline.StepRow::drawn).containsExactly(true, true, false);
        assertThat(rows).extracting(Timeline.StepRow::duration).containsExactly("50s", "50s", "");
    }

    @Test
    void aStepShowsTheResultsItWroteInTheirOrder() {
        DataRunStatus status = new DataRunStatus();
        StepStatus count = step("count", StepPhase.Succeeded, "2026-11-29T10:00:00Z", "2026-11-29T10:00:50Z");
        count.results = new java.util.LinkedHashMap<>(java.util.Map.of("rows", "40"));
        count.results.put("file", "orders.csv");
        status.steps = List.of(count, step("load", StepPhase.Running, "2026-11-29T10:00:50Z", null));
        List<Timeline.StepRow> rows = Timeline.of(status, NOW);
        assertThat(rows.get(0).results()).containsExactly(new Timeline.Result("rows", "40"), new Timeline.Result("file", "orders.csv"));
        assertThat(rows.get(1).results()).isEmpty();
    }

    @Test
    void aSparkStepShowsItsApplicationAndOtherStepsNone() {
        DataRunStatus status = new DataRunStatus();
        StepStatus squares = step("squares", StepPhase.Succeeded, "2026-11-29T10:00:00Z", "2026-11-29T10:01:10Z");
        squares.spark = new io.raffinerie.api.v1alpha1.SparkStepStatus();
        squares.spark.applicationId = "spark-4f2a";
        squares.spark.executors = 2;
        status.steps = List.of(squares, step("load", StepPhase.Running, "2026-11-29T10:01:10Z", null));
        List<Timeline.StepRow> rows = Timeline.of(status, NOW);
        assertThat(rows.get(0).spark().applicationId).isEqualTo("spark-4f2a");
        assertThat(rows.get(1).spark()).isNull();
    }

    @Test
    void failingNowIsTheNewestRunOfEachTargetWhenItFailed() {
        List<DataRun> runs = new ArrayList<>();
        runs.add(run("a-1", "a", RunPhase.Failed, "2026-11-29T10:00:00Z"));
        runs.add(run("a-2", "a", RunPhase.Succeeded, "2026-11-29T10:05:00Z"));
        runs.add(run("b-1", "b", RunPhase.Succeeded, "2026-11-29T10:00:00Z"));
        runs.add(run("b-2", "b", RunPhase.Failed, "2026-11-29T10:05:00Z"));
        assertThat(RunViews.failingNow(runs)).extracting(r -> r.getMetadata().getName()).containsExactly("b-2");
    }

    @Test
    void theTrendShowsFinishedRunsOldestFirst() {
        List<DataRun> runs = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            DataRun run = run("a-" + (100 + i), "a", i % 2 == 0 ? RunPhase.Succeeded : RunPhase.Failed,
                    Instant.parse("2026-11-29T10:00:00Z").plusSeconds(60L * i).toString());
            run.getStatus().startTime = run.getMetadata().getCreationTimestamp();
            run.getStatus().completionTime = Instant.parse(run.getStatus().startTime).plusSeconds(i + 1).toString();
            runs.add(run);
        }
        runs.add(run("a-running", "a", RunPhase.Running, "2026-11-29T11:00:00Z"));
        DurationTrend.Chart chart = DurationTrend.of(runs);
        assertThat(chart.bars()).hasSize(DurationTrend.RUNS);
        assertThat(chart.bars().get(0).run()).isEqualTo("a-105");
        assertThat(chart.bars().get(19).run()).isEqualTo("a-124");
        assertThat(chart.bars().get(19).height()).isEqualTo(DurationTrend.HEIGHT - 2);
        assertThat(chart.longest()).isEqualTo("25s");
    }

    private static StepStatus step(String name, StepPhase phase, String start, String end) {
        StepStatus step = new StepStatus();
        step.name = name;
        step.phase = phase;
        step.startTime = start;
        step.completionTime = end;
        return step;
    }

    static DataRun run(String name, String job, RunPhase phase, String created) {
        DataRun run = new DataRun();
        run.getMetadata().setName(name);
        run.getMetadata().setNamespace("ns");
        run.getMetadata().setCreationTimestamp(created);
        run.setSpec(new DataRunSpec());
        run.getSpec().jobRef = job;
        run.setStatus(new DataRunStatus());
        run.getStatus().phase = phase;
        return run;
    }
}

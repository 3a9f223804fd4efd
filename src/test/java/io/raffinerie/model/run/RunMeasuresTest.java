package io.raffinerie.model.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunSpec;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunMeasuresTest {
    private static final Instant OBSERVED = Instant.parse("2026-11-28T10:00:05.250Z");

    private static StepStatus step(String name, StepPhase phase, String completed) {
        StepStatus step = new StepStatus();
        step.name = name;
        step.phase = phase;
        step.completionTime = completed;
        return step;
    }

    @Test
    void theTargetOfARunIsItsJobOrPipelineNeverTheRunItself() {
        DataRun run = new DataRun();
        run.getMetadata().setName("daily-8f2kq");
        run.getMetadata().setNamespace("sales");
        run.setSpec(new DataRunSpec());
        run.getSpec().pipelineRef = "daily";
        assertThat(RunMeasures.Target.of(run)).isEqualTo(new RunMeasures.Target("sales", "DataPipeline", "daily"));
        run.getSpec().pipelineRef = null;
        run.getSpec().jobRef = "extract";
        assertThat(RunMeasures.Target.of(run)).isEqualTo(new RunMeasures.Target("sales", "DataJob", "extract"));
    }

    @Test
    void durationsNeedBothEndsInOrder() {
        DataRunStatus status = new DataRunStatus();
        status.startTime = "2026-11-28T10:00:00Z";
        assertThat(RunMeasures.duration(status)).isEmpty();
        status.completionTime = "2026-11-28T10:01:30Z";
        assertThat(RunMeasures.duration(status)).contains(Duration.ofSeconds(90));
        assertThat(RunMeasures.duration("2026-11-28T10:00:00Z", "2026-11-28T09:00:00Z")).isEmpty();
        assertThat(RunMeasures.duration("yesterday", "2026-11-28T09:00:00Z")).isEmpty();
    }

    @Test
    void anUpstreamSeenFinishingNowCountsFromTheObservationAndAnEarlierOneFromItsCompletion() {
        Map<String, StepStatus> before = Map.of("a", step("a", StepPhase.Running, null),
                "b", step("b", StepPhase.Succeeded, "2026-11-28T10:00:01Z"));
        Map<String, StepStatus> after = Map.of("a", step("a", StepPhase.Succeeded, "2026-11-28T10:00:05Z"),
                "b", step("b", StepPhase.Succeeded, "2026-11-28T10:00:01Z"));

        assertThat(RunMeasures.upstreamDone(List.of("a", "b"), before, after, OBSERVED)).contains(OBSERVED);
        assertThat(RunMeasures.upstreamDone(List.of("b"), before, after, OBSERVED))
                .contains(Instant.parse("2026-11-28T10:00:01Z"));
        assertThat(RunMeasures.upstreamDone(null, before, after, OBSERVED)).isEmpty();
        assertThat(RunMeasures.upstreamDone(List.of("a"), before, Map.of("a", step("a", StepPhase.Running, null)), OBSERVED))
                .isEmpty();
    }

    @Test
    void theLastSuccessIsKeptWhenItsRunIsGone() {
        DataRun ok = new DataRun();
        ok.setStatus(new DataRunStatus());
        ok.getStatus().phase = RunPhase.Succeeded;
        ok.getStatus().completionTime = "2026-11-28T10:00:00Z";
        DataRun failed = new DataRun();
        failed.setStatus(new DataRunStatus());
        failed.getStatus().phase = RunPhase.Failed;
        failed.getStatus().completionTime = "2026-11-28T12:00:00Z";

        assertThat(RunMeasures.lastSuccessTime(List.of(ok, failed), null)).contains("2026-11-28T10:00:00Z");
        assertThat(RunMeasures.lastSuccessTime(List.of(failed), "2026-11-27T10:00:00Z")).contains("2026-11-27T10:00:00Z");
        assertThat(RunMeasures.lastSuccessTime(List.of(ok), "2026-11-29T10:00:00Z")).contains("2026-11-29T10:00:00Z");
        assertThat(RunMeasures.lastSuccessTime(List.of(failed), null)).isEmpty();
    }
}

package io.raffinerie.model.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunSpec;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.RunReason;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.api.v1alpha1.Trigger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArchivedRunTest {
    private static StepStatus step(String name, StepPhase phase, Integer exitCode, Map<String, String> results) {
        StepStatus step = new StepStatus();
        step.name = name;
        step.phase = phase;
        step.job = "daily-" + name;
        step.attempts = 1;
        step.exitCode = exitCode;
        step.startTime = "2026-12-04T10:00:01Z";
        step.completionTime = "2026-12-04T10:00:09Z";
        step.results = results;
        step.image = "python:3.12";
        return step;
    }

    private static DataRun pipelineRun() {
        DataRun run = new DataRun();
        run.getMetadata().setName("daily");
        run.getMetadata().setNamespace("sales-dev");
        run.getMetadata().setUid("6f1c9a52-1d2e-4d8b-9a71-1f0e5b2c3d4e");
        run.getMetadata().setCreationTimestamp("2026-12-04T10:00:00Z");
        run.setSpec(new DataRunSpec());
        run.getSpec().pipelineRef = "daily-sales";
        run.getSpec().parameters = Map.of("day", "2026-12-03", "region", "north");
        DataRunStatus status = new DataRunStatus();
        status.phase = RunPhase.Failed;
        status.reason = RunReason.StepFailed;
        status.message = "step load failed";
        status.trigger = Trigger.Schedule;
        status.revision = 4L;
        status.startTime = "2026-12-04T10:00:01Z";
        status.completionTime = "2026-12-04T10:00:20Z";
        status.steps = List.of(step("extract", StepPhase.Succeeded, 0, Map.of("rows", "40", "file", "a.csv")),
                step("load", StepPhase.Failed, 3, null));
        run.setStatus(status);
        return run;
    }

    @Test
    void aPipelineRunIsItsColumnsItsStepsInOrderAndItsWholeStatus() {
        ArchivedRun archived = ArchivedRun.of(pipelineRun(), Optional.of("sales-dev-env"));

        assertThat(archived.uid()).isEqualTo("6f1c9a52-1d2e-4d8b-9a71-1f0e5b2c3d4e");
        assertThat(archived.environment()).isEqualTo("sales-dev-env");
        assertThat(archived.targetKind()).isEqualTo("DataPipeline");
        assertThat(archived.targetName()).isEqualTo("daily-sales");
        assertThat(archived.phase()).isEqualTo("Failed");
        assertThat(archived.reason()).isEqualTo("StepFailed");
        assertThat(archived.trigger()).isEqualTo("Schedule");
        assertThat(archived.revision()).isEqualTo(4L);
        assertThat(archived.parametersJson()).isEqualTo("{\"day\":\"2026-12-03\",\"region\":\"north\"}");
        assertThat(archived.createdAt()).isEqualTo(Instant.parse("2026-12-04T10:00:00Z"));
        assertThat(archived.finishedAt()).isEqualTo(Instant.parse("2026-12-04T10:00:20Z"));
        assertThat(archived.statusJson()).contains("\"message\":\"step load failed\"");
        assertThat(archived.steps()).extracting(ArchivedRun.ArchivedStep::name).containsExactly("extract", "load");
        assertThat(archived.steps()).extracting(ArchivedRun.ArchivedStep::position).containsExactly(0, 1);
        assertThat(archived.steps().get(0).resultsJson()).isEqualTo("{\"file\":\"a.csv\",\"rows\":\"40\"}");
        assertThat(archived.steps().get(1).exitCode()).isEqualTo(3);
        assertThat(archived.steps().get(1).resultsJson()).isNull();
    }

    @Test
    void aRetryRecordsWhatItRetriedAndTheValuesItInherited() {
        DataRun retry = pipelineRun();
        retry.getSpec().retryOf = "daily-1";
        retry.getSpec().parameters = Map.of("region", "south");
        retry.getStatus().parameters = Map.of("day", "2026-12-03", "region", "south");

        ArchivedRun archived = ArchivedRun.of(retry, Optional.empty());

        assertThat(archived.retryOf()).isEqualTo("daily-1");
        assertThat(archived.environment()).isNull();
        assertThat(archived.parametersJson()).isEqualTo("{\"day\":\"2026-12-03\",\"region\":\"south\"}");
    }

    @Test
    void aJobRunThatNeverStartedHasNoStepsAndFinishesWhenItWasCreatedAtTheLatest() {
        DataRun run = pipelineRun();
        run.getSpec().pipelineRef = null;
        run.getSpec().jobRef = "clean";
        run.getSpec().parameters = null;
        run.getStatus().steps = List.of();
        run.getStatus().startTime = null;
        run.getStatus().completionTime = null;

        ArchivedRun archived = ArchivedRun.of(run, Optional.empty());

        assertThat(archived.targetKind()).isEqualTo("DataJob");
        assertThat(archived.targetName()).isEqualTo("clean");
        assertThat(archived.steps()).isEmpty();
        assertThat(archived.parametersJson()).isEqualTo("{}");
        assertThat(archived.startedAt()).isNull();
        assertThat(archived.finishedAt()).isEqualTo(archived.createdAt());
    }
}

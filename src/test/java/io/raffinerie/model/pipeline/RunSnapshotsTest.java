package io.raffinerie.model.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.RunSnapshot;
import io.raffinerie.model.Fixtures;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunSnapshotsTest {
    private static RunSnapshot snapshot(String script) {
        DataPipeline pipeline = Fixtures.load("pipelines/diamond.yaml", DataPipeline.class);
        pipeline.getMetadata().setGeneration(4L);
        Map<String, DataJob> jobs = new HashMap<>();
        pipeline.getSpec().steps.forEach(step -> {
            DataJob job = new DataJob();
            job.getMetadata().setName(step.jobRef);
            job.getMetadata().setGeneration(2L);
            job.setSpec(new DataJobSpec());
            job.getSpec().technology = "bash";
            job.getSpec().script = script;
            jobs.put(step.jobRef, job);
        });
        return RunSnapshots.of(pipeline, jobs);
    }

    @Test
    void theFrozenFormReadsBackAsTheSnapshotAndIsOneShortField() {
        RunSnapshot snapshot = snapshot("echo hello\n".repeat(50));
        DataRunStatus status = new DataRunStatus();
        assertThat(RunSnapshots.isFrozen(status)).isFalse();
        assertThat(RunSnapshots.frozen(status)).isEmpty();

        status.frozen = RunSnapshots.freeze(snapshot);
        assertThat(RunSnapshots.isFrozen(status)).isTrue();
        RunSnapshot read = RunSnapshots.frozen(status).orElseThrow();
        assertThat(read.pipelineGeneration).isEqualTo(4L);
        assertThat(read.pipeline.steps).extracting(s -> s.name).containsExactly("extract", "clean", "enrich", "load", "page");
        assertThat(read.jobs).allSatisfy(job -> assertThat(job.spec.script).isEqualTo("echo hello\n".repeat(50)));
        assertThat(status.frozen).doesNotContain("\n").hasSizeLessThan(1000);
    }

    @Test
    void aRunOfAnEarlierVersionKeepsItsPlainSnapshot() {
        DataRunStatus status = new DataRunStatus();
        status.snapshot = snapshot("echo");
        assertThat(RunSnapshots.isFrozen(status)).isTrue();
        assertThat(RunSnapshots.frozen(status)).containsSame(status.snapshot);
    }

    @Test
    void theEtcdBoundCountsTheFrozenForm() {
        assertThat(RunSnapshots.sizeProblem(snapshot("echo hello\n".repeat(10_000)))).as("compresses well").isEmpty();
        byte[] noise = new byte[300 * 1024];
        new Random(1).nextBytes(noise);
        String incompressible = java.util.Base64.getEncoder().encodeToString(noise);
        assertThat(RunSnapshots.sizeProblem(snapshot(incompressible))).hasValueSatisfying(problem -> {
            assertThat(problem.reason()).isEqualTo("SnapshotTooLarge");
            assertThat(problem.message()).contains("bytes compressed, more than the 524288 a run can keep");
        });
    }

    @Test
    void anEditedFrozenFormIsAnErrorNamingTheField() {
        DataRunStatus status = new DataRunStatus();
        status.frozen = "not gzip";
        assertThatThrownBy(() -> RunSnapshots.frozen(status)).hasMessageStartingWith("status.frozen cannot be read back");
    }
}

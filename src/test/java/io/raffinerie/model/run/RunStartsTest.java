package io.raffinerie.model.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataRunSpec;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.Parameter;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.RunReason;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.job.ShippedCatalog;
import io.raffinerie.model.job.TechnologyCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunStartsTest {
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final String CREATED = "2026-12-01T10:00:00Z";
    private static final Problem MISSING_JOB = new Problem(Reasons.JOB_NOT_FOUND, "spec.jobRef: DataJob \"nightly\" does not exist");

    @Test
    void aRunThatCannotStartWaitsOutTheGraceThenFails() {
        RunStarts.Verdict early = RunStarts.judge(MISSING_JOB, CREATED, GRACE, Instant.parse("2026-12-01T10:00:10Z"));
        assertThat(early.fail()).isFalse();
        assertThat(early.waitAtMost()).contains(Duration.ofSeconds(20));

        RunStarts.Verdict late = RunStarts.judge(MISSING_JOB, CREATED, GRACE, Instant.parse("2026-12-01T10:00:30Z"));
        assertThat(late.fail()).isTrue();
        assertThat(late.waitAtMost()).isEmpty();
    }

    @Test
    void aRunWaitingForItsEnvironmentIsNeverFailedForIt() {
        Problem notReady = new Problem(Reasons.ENVIRONMENT_NOT_READY, "DataEnvironment sales is not ready");
        RunStarts.Verdict verdict = RunStarts.judge(notReady, CREATED, GRACE, Instant.parse("2026-12-02T10:00:00Z"));
        assertThat(verdict.fail()).isFalse();
        assertThat(verdict.waitAtMost()).isEmpty();
    }

    @Test
    void theMessageSaysWhyAndWhenTheRunWillFail() {
        assertThat(RunStarts.waiting(MISSING_JOB, CREATED, GRACE)).isEqualTo(
                "cannot start yet: spec.jobRef: DataJob \"nightly\" does not exist; the run fails at 2026-12-01T10:00:30Z unless this is fixed");
    }

    @Test
    void failingEndsTheRunWithTimesAndTheProblem() {
        DataRunStatus status = new DataRunStatus();
        status.phase = RunPhase.Pending;
        RunStarts.fail(status, MISSING_JOB, Instant.parse("2026-12-01T10:00:31Z"));
        assertThat(status.phase).isEqualTo(RunPhase.Failed);
        assertThat(status.message).isEqualTo("could not start: spec.jobRef: DataJob \"nightly\" does not exist");
        assertThat(status.reason).isEqualTo(RunReason.JobNotFound);
        assertThat(status.startTime).isEqualTo("2026-12-01T10:00:31Z");
        assertThat(status.completionTime).isEqualTo("2026-12-01T10:00:31Z");
    }

    private static DataJob job(String name, String technology) {
        DataJob job = new DataJob();
        job.getMetadata().setName(name);
        job.setSpec(new DataJobSpec());
        job.getSpec().technology = technology;
        return job;
    }

    private static DataRunSpec runOf(String job) {
        DataRunSpec spec = new DataRunSpec();
        spec.jobRef = job;
        return spec;
    }

    @Test
    void aRunOfAnInvalidJobCannotStart() {
        DataJob job = job("misspelled", "pyhton");
        job.getSpec().command = List.of("python", "-c", "print(1)");
        DataRunSpec spec = runOf("misspelled");
        Optional<Problem> problem = RunValidation.validate(spec, "sales", Optional.of(job), Optional.empty(),
                ShippedCatalog.get());
        assertThat(problem).hasValueSatisfying(p -> {
            assertThat(p.reason()).isEqualTo(Reasons.UNKNOWN_TECHNOLOGY);
            assertThat(p.message()).startsWith("DataJob misspelled is not valid: spec.technology: \"pyhton\"");
        });
    }

    @Test
    void aRunOfAValidJobWithAnUndeclaredParameterCannotStart() {
        DataJob job = job("daily", "bash");
        job.getSpec().script = "echo $DAY";
        job.getSpec().parameters = List.of(new Parameter("DAY", "today"));
        DataRunSpec spec = runOf("daily");
        spec.parameters = Map.of("DYA", "1");
        assertThat(RunValidation.validate(spec, "sales", Optional.of(job), Optional.empty(), ShippedCatalog.get()))
                .map(Problem::reason).contains(Reasons.UNKNOWN_PARAMETER);
        spec.parameters = Map.of("DAY", "1");
        assertThat(RunValidation.validate(spec, "sales", Optional.of(job), Optional.empty(), ShippedCatalog.get())).isEmpty();
    }
}

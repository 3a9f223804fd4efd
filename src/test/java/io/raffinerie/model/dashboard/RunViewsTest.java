package io.raffinerie.model.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunSpec;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunViewsTest {
    static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aRunShowsTheRevisionOfTheTargetItRan() {
        DataRun run = run("nightly");
        run.setStatus(new DataRunStatus());
        run.getStatus().revision = 3L;
        RunViews.RunRow row = RunViews.row(run, NOW);
        assertThat(row.revision()).isEqualTo("3");
        assertThat(row.kind()).isEqualTo(RunViews.JOB);
        assertThat(row.target()).isEqualTo("nightly");
    }

    @Test
    void aRunWithoutARevisionYetShowsNone() {
        assertThat(RunViews.row(run("nightly"), NOW).revision()).isEmpty();
    }

    private static DataRun run(String job) {
        DataRun run = new DataRun();
        run.setMetadata(new ObjectMetaBuilder().withNamespace("team").withName(job + "-1").build());
        run.setSpec(new DataRunSpec());
        run.getSpec().jobRef = job;
        return run;
    }
}

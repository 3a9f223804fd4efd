package io.raffinerie.model.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.model.RunLabels;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunRequestsTest {
    @Test
    void aPipelineRunNamesItsPipelineAndItsParameters() {
        DataRun run = RunRequests.start("sales", false, "daily-sales", Map.of("DAY", "2026-11-29"), null, false);
        assertThat(run.getMetadata().getGenerateName()).isEqualTo("daily-sales-");
        assertThat(run.getMetadata().getNamespace()).isEqualTo("sales");
        assertThat(run.getSpec().pipelineRef).isEqualTo("daily-sales");
        assertThat(run.getSpec().jobRef).isNull();
        assertThat(run.getSpec().parameters).containsEntry("DAY", "2026-11-29");
        assertThat(run.getSpec().retryOf).isNull();
    }

    @Test
    void aPipelineRetryReferencesTheOriginalAndInheritsItsParametersThroughTheOperator() {
        DataRun original = RunRequests.start("sales", false, "daily-sales", Map.of("DAY", "2026-11-29"), null, false);
        original.getMetadata().setName("daily-sales-abcde");
        DataRun retry = RunRequests.retry(original, true);
        assertThat(retry.getSpec().pipelineRef).isEqualTo("daily-sales");
        assertThat(retry.getSpec().retryOf).isEqualTo("daily-sales-abcde");
        assertThat(retry.getSpec().retry.useLatest).isTrue();
        assertThat(retry.getSpec().parameters).as("the operator reads them from the original").isNull();
    }

    @Test
    void aJobRetryRunsTheJobAgainWithTheSameParametersAndNotesItsLineage() {
        DataRun original = RunRequests.start("sales", true, "extract", Map.of("DAY", "2026-11-29"), null, false);
        original.getMetadata().setName("extract-abcde");
        DataRun retry = RunRequests.retry(original, false);
        assertThat(retry.getSpec().jobRef).isEqualTo("extract");
        assertThat(retry.getSpec().retryOf).as("a job run cannot retry another run (admission)").isNull();
        assertThat(retry.getSpec().parameters).containsEntry("DAY", "2026-11-29");
        assertThat(retry.getMetadata().getAnnotations()).containsEntry(RunLabels.RETRY_OF, "extract-abcde");
    }
}

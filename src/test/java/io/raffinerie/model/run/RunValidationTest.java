package io.raffinerie.model.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataPipelineSpec;
import io.raffinerie.api.v1alpha1.DataRunSpec;
import io.raffinerie.api.v1alpha1.Parameter;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.job.ShippedCatalog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunValidationTest {
    private static DataPipeline dailySales() {
        DataPipeline pipeline = new DataPipeline();
        pipeline.setSpec(new DataPipelineSpec());
        pipeline.getSpec().parameters = List.of(new Parameter("DAY", null));
        return pipeline;
    }

    private static Optional<io.raffinerie.model.Problem> validate(DataRunSpec spec) {
        return RunValidation.validate(spec, "sales", Optional.empty(), Optional.of(dailySales()), ShippedCatalog.get());
    }

    @Test
    void aRunWithoutARequiredParameterIsRefused() {
        DataRunSpec spec = new DataRunSpec();
        spec.pipelineRef = "daily-sales";
        assertThat(validate(spec)).hasValueSatisfying(p -> assertThat(p.reason()).isEqualTo(Reasons.MISSING_PARAMETER));
    }

    @Test
    void aRetryInheritsTheOriginalsValuesSoItsOwnMayLackARequiredOne() {
        DataRunSpec spec = new DataRunSpec();
        spec.pipelineRef = "daily-sales";
        spec.retryOf = "daily-sales-x7k2p";
        assertThat(validate(spec)).isEmpty();
        spec.parameters = Map.of("DAYY", "2026-11-29");
        assertThat(validate(spec)).as("an unknown parameter is still refused")
                .hasValueSatisfying(p -> assertThat(p.reason()).isEqualTo(Reasons.UNKNOWN_PARAMETER));
    }
}

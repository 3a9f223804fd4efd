package io.raffinerie.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.Parameter;
import io.raffinerie.model.Reasons;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunParametersTest {
    private static final List<Parameter> DECLARED = List.of(new Parameter("DAY", "today"), new Parameter("REGION", null));

    @Test
    void runValuesOverrideDefaults() {
        RunParameters.Resolution resolution = RunParameters.resolve("DataJob x", DECLARED, Map.of("DAY", "2026-11-28", "REGION", "eu"));
        assertThat(resolution.problem()).isEmpty();
        assertThat(resolution.values()).containsExactly(Map.entry("DAY", "2026-11-28"), Map.entry("REGION", "eu"));
    }

    @Test
    void unknownParametersAreNamedWithTheDeclaredOnes() {
        RunParameters.Resolution resolution = RunParameters.resolve("DataJob x", DECLARED, Map.of("REGION", "eu", "DYA", "1"));
        assertThat(resolution.problem()).hasValueSatisfying(p -> {
            assertThat(p.reason()).isEqualTo(Reasons.UNKNOWN_PARAMETER);
            assertThat(p.message()).isEqualTo("spec.parameters: DataJob x declares no parameter DYA; did you mean \"DAY\"? declared: DAY, REGION");
        });
    }

    @Test
    void severalUnknownParametersGetNoGuess() {
        assertThat(RunParameters.resolve("DataJob x", DECLARED, Map.of("DYA", "1", "REGOIN", "eu")).problem())
                .hasValueSatisfying(p -> assertThat(p.message())
                        .isEqualTo("spec.parameters: DataJob x declares no parameter DYA, REGOIN; declared: DAY, REGION"));
    }

    @Test
    void parameterWithoutDefaultMustBeGiven() {
        assertThat(RunParameters.resolve("DataJob x", DECLARED, Map.of()).problem())
                .hasValueSatisfying(p -> assertThat(p.reason()).isEqualTo(Reasons.MISSING_PARAMETER));
    }
}

package io.raffinerie.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"90s,PT1M30S", "30m,PT30M", "1h30m,PT1H30M", "2d,PT48H", "500ms,PT0.5S", "1h1m1s,PT1H1M1S"})
    void parsesWhatUsersWrite(String text, String expected) {
        assertThat(Durations.parse(text)).contains(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "1.5h", "-5m", "5 m", "1w", "forever", "400d"})
    void refusesAnythingElse(String text) {
        assertThat(Durations.parse(text)).isEmpty();
        assertThat(Durations.check("spec.timeout", text)).hasValueSatisfying(problem -> {
            assertThat(problem.reason()).isEqualTo(Reasons.INVALID_DURATION);
            assertThat(problem.message()).startsWith("spec.timeout: \"" + text + "\"");
        });
    }

    @ParameterizedTest
    @CsvSource({"PT30M,30m", "PT1H30M,1h30m", "PT48H,2d", "PT1H1M1S,1h1m1s", "PT0.5S,0s"})
    void formatsAsUsersWrite(String duration, String expected) {
        assertThat(Durations.format(Duration.parse(duration))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "0m0s"})
    void refusesZero(String text) {
        assertThat(Durations.check("spec.timeout", text)).hasValueSatisfying(problem -> assertThat(problem.message())
                .isEqualTo("spec.timeout: \"" + text + "\" is zero: use a positive duration, such as 30m"));
    }

    @Test
    void aSentenceIsAnsweredWithTheFormatAndExamples() {
        assertThat(Durations.check("spec.timeout", "30 minutes")).hasValueSatisfying(problem -> assertThat(problem.message())
                .isEqualTo("spec.timeout: \"30 minutes\" is not a duration: use a number and a unit (ms, s, m, h or d), "
                        + "such as 90s, 30m, 2h or 1h30m"));
    }

    @Test
    void moreThanAYearSaysTheLimit() {
        assertThat(Durations.check("spec.schedule.startingDeadline", "400d")).hasValueSatisfying(problem -> assertThat(
                problem.message()).isEqualTo("spec.schedule.startingDeadline: \"400d\" is longer than a year: use at most 365d"));
        assertThat(Durations.check("spec.timeout", "365d")).isEmpty();
    }
}

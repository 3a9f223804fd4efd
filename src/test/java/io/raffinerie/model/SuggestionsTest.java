package io.raffinerie.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> TECHNOLOGIES = List.of("bash", "container", "java", "python", "spark");

    @Test
    void aSwappedPairOfLettersFindsTheName() {
        assertThat(Suggestions.closest("pyhton", TECHNOLOGIES)).contains("python");
        assertThat(Suggestions.closest("3.21", List.of("3.11", "3.12", "3.13"))).contains("3.12");
    }

    @Test
    void aMissingOrExtraLetterFindsTheName() {
        assertThat(Suggestions.closest("pythn", TECHNOLOGIES)).contains("python");
        assertThat(Suggestions.closest("sparks", TECHNOLOGIES)).contains("spark");
    }

    @Test
    void nothingCloseIsNoGuess() {
        assertThat(Suggestions.closest("cobol", TECHNOLOGIES)).isEmpty();
        assertThat(Suggestions.closest("2.7", List.of("3.11", "3.12", "3.13"))).isEmpty();
        assertThat(Suggestions.closest("", TECHNOLOGIES)).isEmpty();
        assertThat(Suggestions.didYouMean("cobol", TECHNOLOGIES)).isEmpty();
    }

    @Test
    void theClosestWinsThenTheMostSimilarThenTheFirst() {
        assertThat(Suggestions.closest("3.21", List.of("3.11", "3.12"))).as("one edit each; 3.12 has the same characters")
                .contains("3.12");
        assertThat(Suggestions.closest("3.1", List.of("3.11", "3.12", "3.13"))).contains("3.11");
        assertThat(Suggestions.closest("sprak", List.of("spar", "spark"))).contains("spark");
        assertThat(Suggestions.closest("bsh", List.of("zsh", "bash"))).as("one edit each; bash starts the same").contains("bash");
        assertThat(Suggestions.didYouMean("jav", TECHNOLOGIES)).isEqualTo(" did you mean \"java\"?");
    }
}

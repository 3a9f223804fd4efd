package io.raffinerie.model.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LogTailsTest {
    @Test
    void keepsTheLastHundredLines() {
        String log = IntStream.rangeClosed(1, 250).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")) + "\n";
        String tail = LogTails.of(log, List.of());
        assertThat(tail.lines()).hasSize(LogTails.MAX_LINES).first().isEqualTo("line 151");
        assertThat(tail).endsWith("line 250\n");
    }

    @Test
    void keepsAtMostSixteenKibibytesEvenOfOneHugeLine() {
        String tail = LogTails.of("é".repeat(20_000), List.of());
        assertThat(tail.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(LogTails.MAX_BYTES);
        assertThat(tail).doesNotContain("\uFFFD").startsWith("é");
    }

    @Test
    void masksEverySecretValueLongestFirst() {
        String log = "connecting with hunter2-extended then hunter2-extended again; token=abcd1234";
        String tail = LogTails.of(log, List.of("hunter2-extended", "hunter2", "abcd1234"));
        assertThat(tail).isEqualTo("connecting with **** then **** again; token=****");
    }

    @Test
    void leavesVeryShortValuesAlone() {
        assertThat(LogTails.of("a b c", List.of("a"))).isEqualTo("a b c");
    }

    @Test
    void masksAValueWithATrailingNewlineAsWritten() {
        assertThat(LogTails.of("password is s3cret!", List.of("s3cret!\n"))).isEqualTo("password is ****");
    }

    @Test
    void aWindowCutInsideASecretShowsNoPartOfIt() {
        String secret = "s3cr3t-warehouse-password";
        // The window starts in the middle of the secret: its end must not show.
        String window = secret.substring(10) + " and then\nthe last line ends with " + secret;
        String tail = LogTails.ofWindow(window, true, List.of(secret));
        assertThat(tail).doesNotContain("password").endsWith("the last line ends with ****");
        assertThat(LogTails.ofWindow(window, false, List.of(secret))).as("a window that is the whole log keeps its start")
                .startsWith(secret.substring(10));
    }

    @Test
    void theEndOfALongLastLineEndingWithASecretIsKeptAndMasked() {
        String secret = "s3cr3t-warehouse-password";
        String log = ("x".repeat(10 * 1024) + "\n").repeat(20) + "y".repeat(10 * 1024) + secret + "\n";
        String window = log.substring(log.length() - LogTails.WINDOW_BYTES);
        String tail = LogTails.ofWindow(window, true, List.of(secret));
        assertThat(tail).endsWith("y****\n").doesNotContain("s3cr3t").doesNotContain("password");
        assertThat(tail.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(LogTails.MAX_BYTES);
    }
}

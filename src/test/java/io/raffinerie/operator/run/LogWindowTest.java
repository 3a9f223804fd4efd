package io.raffinerie.operator.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogWindowTest {
    private static LogWindow read(String text, int capacity) throws IOException {
        LogWindow window = new LogWindow(capacity);
        window.readAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        return window;
    }

    @Test
    void aShortStreamIsKeptWhole() throws IOException {
        LogWindow window = read("hello\nworld\n", 64);
        assertThat(window.cutAtStart()).isFalse();
        assertThat(window.text()).isEqualTo("hello\nworld\n");
    }

    @Test
    void aLongStreamKeepsItsLastBytesInOrder() throws IOException {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            log.append("line ").append(i).append('\n');
        }
        LogWindow window = read(log.toString(), 1000);
        assertThat(window.cutAtStart()).isTrue();
        assertThat(window.text()).hasSize(1000).endsWith("line 9998\nline 9999\n");
        assertThat(log.toString()).endsWith(window.text());
    }
}

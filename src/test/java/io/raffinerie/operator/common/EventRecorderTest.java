package io.raffinerie.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventRecorderTest {
    @Test
    void namesSortAsTheEventsHappened() {
        Instant start = Instant.parse("2026-11-28T10:00:00.999999Z");
        List<String> names = new ArrayList<>();
        for (Instant at : List.of(start, start.plusNanos(1000), start.plusSeconds(1), start.plusSeconds(100_000_000L))) {
            names.add(EventRecorder.name("daily-sales-1", at, "ffffffff"));
        }
        assertThat(names).isSorted();
        assertThat(names.get(0)).isEqualTo("daily-sales-1.000661533d6d0a3f.ffffffff");
    }

    @Test
    void aLongNameStaysAValidEventName() {
        String name = EventRecorder.name("a".repeat(253), Instant.EPOCH, "12345678");
        assertThat(name.length()).isLessThanOrEqualTo(253);
        assertThat(name).endsWith(".0000000000000000.12345678");
    }

    @Test
    void aMessageIsCutToWhatTheApiServerAccepts() {
        assertThat(EventRecorder.bounded("short")).isEqualTo("short");
        String cut = EventRecorder.bounded("é".repeat(2000));
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(EventRecorder.MAX_MESSAGE_BYTES);
        assertThat(cut).endsWith("...");
    }
}

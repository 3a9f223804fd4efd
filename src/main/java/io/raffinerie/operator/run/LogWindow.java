package io.raffinerie.operator.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The last bytes of a stream, kept in a ring while the stream is read to its end: memory stays bounded. */
final class LogWindow {
    private final byte[] ring;
    private long total;

    LogWindow(int capacity) {
        ring = new byte[capacity];
    }

    void readAll(InputStream in) throws IOException {
        byte[] chunk = new byte[8192];
        for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
            for (int i = 0; i < n; i++) {
                ring[(int) (total++ % ring.length)] = chunk[i];
            }
        }
    }

    /** Whether bytes were read before the window's first one. */
    boolean cutAtStart() {
        return total > ring.length;
    }

    String text() {
        if (!cutAtStart()) {
            return new String(ring, 0, (int) total, StandardCharsets.UTF_8);
        }
        int start = (int) (total % ring.length);
        byte[] ordered = new byte[ring.length];
        System.arraycopy(ring, start, ordered, 0, ring.length - start);
        System.arraycopy(ring, 0, ordered, ring.length - start, start);
        return new String(ordered, StandardCharsets.UTF_8);
    }
}

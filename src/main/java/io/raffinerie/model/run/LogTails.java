package io.raffinerie.model.run;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;

/** The end of a step's log as stored in the run's status: bounded, with secret values masked. */
public final class LogTails {
    public static final int MAX_LINES = 100;
    public static final int MAX_BYTES = 16 * 1024;
    public static final String MASK = "****";
    /** Shorter values would mask ordinary words; they are left as they are. */
    static final int MIN_MASKED_LENGTH = 4;

    private LogTails() {
    }

    /** How many bytes of the log's end to read: the bound, and room for a secret cut where the reading starts. */
    public static final int WINDOW_BYTES = 2 * MAX_BYTES;

    /** The last lines of the log within both bounds, with every secret value replaced by ****. */
    public static String of(String log, Collection<String> secretValues) {
        return bound(mask(log == null ? "" : log, secretValues));
    }

    /**
     * The tail of a log of which only the end was read ({@code window}); {@code cutAtStart} when the log began
     * earlier. A secret the window cuts at its start cannot be recognised, so as many characters as the longest
     * secret has are dropped there first; then the secrets are masked, then the tail is bounded, keeping its end.
     */
    public static String ofWindow(String window, boolean cutAtStart, Collection<String> secretValues) {
        String text = window == null ? "" : window;
        if (cutAtStart) {
            int longest = secretValues.stream().filter(v -> v != null).mapToInt(String::length).max().orElse(0);
            text = text.substring(Math.min(text.length(), longest));
            while (!text.isEmpty() && text.charAt(0) == '\uFFFD') {
                text = text.substring(1); // a character the window cut in the middle of its bytes
            }
        }
        return of(text, secretValues);
    }

    static String mask(String log, Collection<String> secretValues) {
        String masked = log;
        // Longest first, so that a value containing another is masked whole.
        for (String value : secretValues.stream().filter(v -> v != null && v.length() >= MIN_MASKED_LENGTH)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            masked = masked.replace(value, MASK);
            String trimmed = value.strip();
            if (!trimmed.equals(value) && trimmed.length() >= MIN_MASKED_LENGTH) {
                masked = masked.replace(trimmed, MASK);
            }
        }
        return masked;
    }

    static String bound(String log) {
        String[] lines = log.split("\n", -1);
        int from = Math.max(0, lines.length - MAX_LINES - (log.endsWith("\n") ? 1 : 0));
        String tail = String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
        byte[] bytes = tail.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_BYTES) {
            return tail;
        }
        // Cut at a character boundary, keeping the end.
        String cut = new String(bytes, bytes.length - MAX_BYTES, MAX_BYTES, StandardCharsets.UTF_8);
        return cut.charAt(0) == '\uFFFD' ? cut.substring(1) : cut;
    }
}

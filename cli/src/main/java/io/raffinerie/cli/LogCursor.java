package io.raffinerie.cli;

import java.util.Optional;

/**
 * Where a followed log is: the timestamp of the last line printed and how many lines carried it. A log read again
 * (the follow stream ended before the container, as some log sources do) prints only what comes after. Lines come
 * with the API server's timestamps ({@code 2026-11-29T10:00:00.123456789Z text}); what is printed is the text.
 */
final class LogCursor {
    private String last = "";
    private int printedAtLast;
    private int seenAtLastThisPass;

    private boolean closed;

    /** The stream that was followed is done with: its reader prints no more. */
    void close() {
        closed = true;
    }

    boolean closed() {
        return closed;
    }

    /** Starts reading the log again from its beginning. */
    void rewind() {
        seenAtLastThisPass = 0;
    }

    /** The line's text when it is new, nothing when it was printed already. */
    Optional<String> accept(String line) {
        int space = line.indexOf(' ');
        if (space < 0 || !Character.isDigit(line.isEmpty() ? ' ' : line.charAt(0))) {
            return Optional.of(line);
        }
        String timestamp = line.substring(0, space);
        String text = line.substring(space + 1);
        int order = timestamp.compareTo(last);
        if (order < 0) {
            return Optional.empty();
        }
        if (order == 0) {
            seenAtLastThisPass++;
            if (seenAtLastThisPass <= printedAtLast) {
                return Optional.empty();
            }
            printedAtLast++;
            return Optional.of(text);
        }
        last = timestamp;
        printedAtLast = 1;
        seenAtLastThisPass = 1;
        return Optional.of(text);
    }
}

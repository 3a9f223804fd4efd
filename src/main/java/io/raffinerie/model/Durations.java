package io.raffinerie.model;

import io.raffinerie.api.v1alpha1.Patterns;
import java.text.ParseException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/** Durations as users write them: 90s, 30m, 1h30m, 2d, 500ms. */
public final class Durations {
    private static final Pattern WHOLE = Pattern.compile(Patterns.DURATION);
    private static final Duration MAX = Duration.ofDays(365);

    private Durations() {
    }

    /** The duration, or empty when the text is not one (or is longer than a year). */
    public static Optional<Duration> parse(String text) {
        return parseAnyLength(text).filter(duration -> duration.compareTo(MAX) <= 0);
    }

    /** A problem naming the field, the text and the fix when the text is set and is not a positive duration of at most a year. */
    public static Optional<Problem> check(String field, String text) {
        if (text == null) {
            return Optional.empty();
        }
        Optional<Duration> parsed = parseAnyLength(text);
        String culprit = field + ": \"" + text + "\" ";
        if (parsed.isEmpty()) {
            return Optional.of(new Problem(Reasons.INVALID_DURATION, culprit + "is not a duration: use " + Patterns.DURATION_HINT));
        }
        if (parsed.get().isZero()) {
            return Optional.of(new Problem(Reasons.INVALID_DURATION, culprit + "is zero: use a positive duration, such as 30m"));
        }
        if (parsed.get().compareTo(MAX) > 0) {
            return Optional.of(new Problem(Reasons.INVALID_DURATION, culprit + "is longer than a year: use at most 365d"));
        }
        return Optional.empty();
    }

    /** The schema's pattern says what users may write (ms, s, m, h, d); fabric8's parser, Go's syntax, reads it. */
    private static Optional<Duration> parseAnyLength(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(io.fabric8.kubernetes.api.model.Duration.parse(text).getDuration());
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** The duration as users write it: 30m, 1h30m, 45s (whole seconds; 0s for less). */
    public static String format(Duration duration) {
        long seconds = Math.max(0, duration.getSeconds());
        StringBuilder text = new StringBuilder();
        long[] sizes = {86_400, 3_600, 60, 1};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (seconds >= sizes[i]) {
                text.append(seconds / sizes[i]).append(units[i]);
                seconds %= sizes[i];
            }
        }
        return text.isEmpty() ? "0s" : text.toString();
    }
}

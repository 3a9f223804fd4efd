package io.raffinerie.model;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import org.apache.commons.text.similarity.DamerauLevenshteinDistance;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/** "Did you mean" for a misspelled name: the closest valid name, when it is close enough to be the intended one. */
public final class Suggestions {
    /** At most two edits (a swapped pair of letters counts as one): "pyhton" finds "python", "cobol" finds nothing. */
    private static final int MAX_EDITS = 2;
    private static final DamerauLevenshteinDistance DISTANCE = new DamerauLevenshteinDistance(MAX_EDITS);
    /** Between names as far apart, the one with the same letters in another order: "3.21" is "3.12" typed wrong, not "3.11". */
    private static final JaroWinklerSimilarity SIMILARITY = new JaroWinklerSimilarity();

    private Suggestions() {
    }

    /**
     * The valid name closest to {@code value}: the fewest edits, then the most similar; remaining ties go to the first in
     * the order of {@code valid}.
     */
    public static Optional<String> closest(String value, Collection<String> valid) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        return valid.stream()
                .filter(candidate -> !candidate.equals(value))
                .map(candidate -> new Candidate(candidate, DISTANCE.apply(value, candidate), SIMILARITY.apply(value, candidate)))
                .filter(candidate -> candidate.distance() >= 0 && candidate.distance() < Math.max(value.length(), 2))
                .min(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::similarity, Comparator.reverseOrder()))
                .map(Candidate::name);
    }

    /** {@code " did you mean \"python\"?"}, or nothing when no valid name is close. */
    public static String didYouMean(String value, Collection<String> valid) {
        return closest(value, valid).map(name -> " did you mean \"" + name + "\"?").orElse("");
    }

    private record Candidate(String name, int distance, double similarity) {
    }
}

package io.raffinerie.model;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Condition bookkeeping after the Kubernetes API conventions. */
public final class Conditions {
    public static final String READY = "Ready";
    public static final String TRUE = "True";
    public static final String FALSE = "False";

    private Conditions() {
    }

    /**
     * The conditions with {@code type} set as given. lastTransitionTime moves only when the status flips, so that
     * an unchanged condition produces an identical list and no status write.
     */
    public static List<Condition> set(List<Condition> current, String type, boolean status, String reason, String message,
            Long observedGeneration, Clock clock) {
        String statusText = status ? TRUE : FALSE;
        Optional<Condition> previous = find(current, type);
        String transition = previous.filter(c -> statusText.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime)
                .orElseGet(() -> timestamp(clock.instant()));
        Condition next = new Condition(transition, message, observedGeneration, reason, statusText, type);
        List<Condition> result = new ArrayList<>();
        boolean replaced = false;
        for (Condition condition : current == null ? List.<Condition>of() : current) {
            if (type.equals(condition.getType())) {
                result.add(next);
                replaced = true;
            } else {
                result.add(condition);
            }
        }
        if (!replaced) {
            result.add(next);
        }
        return result;
    }

    public static Optional<Condition> find(List<Condition> conditions, String type) {
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream().filter(c -> Objects.equals(type, c.getType())).findFirst();
    }

    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(c -> TRUE.equals(c.getStatus())).orElse(false);
    }

    /** An RFC 3339 timestamp at second precision, as Kubernetes writes them. */
    public static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}

package io.raffinerie.model.pipeline;

import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.When;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a step runs, given how the steps it depends on ended. A step's {@code when} is one of the {@link When}
 * names, or a CEL expression ({@link WhenExpressions}) that first needs every dependency to have succeeded.
 */
public final class StepConditions {
    private StepConditions() {
    }

    /** The {@link When} a step's {@code when} names (AllSucceeded when absent); empty for a CEL expression. */
    public static Optional<When> keyword(String when) {
        if (when == null) {
            return Optional.of(When.AllSucceeded);
        }
        return Arrays.stream(When.values()).filter(w -> w.name().equals(when.strip())).findFirst();
    }

    /** Whether {@code when} is a CEL expression rather than a {@link When} name. */
    public static boolean isExpression(String when) {
        return keyword(when).isEmpty();
    }

    /**
     * {@code upstream} maps each dependency to its (finished) phase; a step without dependencies always runs. For an
     * expression, whether its dependencies all succeeded (the expression itself is tested apart).
     */
    public static boolean isMet(String when, Map<String, StepPhase> upstream) {
        return isMet(keyword(when).orElse(When.AllSucceeded), upstream);
    }

    static boolean isMet(When when, Map<String, StepPhase> upstream) {
        if (upstream.isEmpty()) {
            return true;
        }
        return switch (when) {
            case AllSucceeded -> upstream.values().stream().allMatch(p -> p == StepPhase.Succeeded);
            case AllSucceededOrSkipped -> upstream.values().stream().allMatch(p -> p == StepPhase.Succeeded || p == StepPhase.Skipped);
            case AnySucceeded -> upstream.values().stream().anyMatch(p -> p == StepPhase.Succeeded);
            case AllDone -> true;
            case AnyFailed -> upstream.values().stream().anyMatch(p -> p == StepPhase.Failed);
        };
    }

    /** Whether a step is meant to run after failures, so that StopOnFailure must not skip it. */
    public static boolean handlesFailure(String when) {
        Optional<When> keyword = keyword(when);
        return keyword.isPresent() && (keyword.get() == When.AnyFailed || keyword.get() == When.AllDone);
    }
}

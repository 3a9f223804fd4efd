package io.raffinerie.model.pipeline;

import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.When;
import java.util.Map;

/** Whether a step runs, given how the steps it depends on ended. */
public final class StepConditions {
    private StepConditions() {
    }

    /** {@code upstream} maps each dependency to its (finished) phase; a step without dependencies always runs. */
    public static boolean isMet(When when, Map<String, StepPhase> upstream) {
        if (upstream.isEmpty()) {
            return true;
        }
        return switch (when == null ? When.AllSucceeded : when) {
            case AllSucceeded -> upstream.values().stream().allMatch(p -> p == StepPhase.Succeeded);
            case AllSucceededOrSkipped -> upstream.values().stream().allMatch(p -> p == StepPhase.Succeeded || p == StepPhase.Skipped);
            case AnySucceeded -> upstream.values().stream().anyMatch(p -> p == StepPhase.Succeeded);
            case AllDone -> true;
            case AnyFailed -> upstream.values().stream().anyMatch(p -> p == StepPhase.Failed);
        };
    }

    /** Whether a step is meant to run after failures, so that StopOnFailure must not skip it. */
    public static boolean handlesFailure(When when) {
        return when == When.AnyFailed || when == When.AllDone;
    }
}

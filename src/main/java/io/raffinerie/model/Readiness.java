package io.raffinerie.model;

import io.raffinerie.api.v1alpha1.Status;
import java.time.Clock;
import java.util.Optional;

/** Sets the Ready condition and observedGeneration of a status from the outcome of validation. */
public final class Readiness {
    private Readiness() {
    }

    /** Ready=False with the problem, or Ready=True with the given reason and message. */
    public static void apply(Status status, Optional<Problem> problem, Long generation, String readyReason, String readyMessage,
            Clock clock) {
        status.observedGeneration = generation;
        status.conditions = problem
                .map(p -> Conditions.set(status.conditions, Conditions.READY, false, p.reason(), p.message(), generation, clock))
                .orElseGet(() -> Conditions.set(status.conditions, Conditions.READY, true, readyReason, readyMessage, generation,
                        clock));
    }
}

package io.raffinerie.model.promotion;

import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.PromotionSource;
import io.raffinerie.model.Problem;
import java.util.Optional;

/** Whether the target environment may take a promotion from this source at all. */
public final class SourceChecks {
    private SourceChecks() {
    }

    /** {@code target}: the promotion namespace's environment (null: none); {@code source}: the named one (null: none). */
    public static Optional<Problem> problem(String namespace, DataEnvironment target, PromotionSource requested,
            DataEnvironment source) {
        if (target == null) {
            return Optional.of(new Problem(PromotionReasons.NO_ENVIRONMENT, "namespace " + namespace
                    + " is no DataEnvironment's: promotions go into an environment's namespace"));
        }
        if (target.getMetadata().getDeletionTimestamp() != null) {
            return Optional.of(new Problem(PromotionReasons.ENVIRONMENT_DELETING, "DataEnvironment "
                    + target.getMetadata().getName() + " is being deleted: nothing is promoted into it"));
        }
        var policy = target.getSpec() == null ? null : target.getSpec().promotion;
        if (requested == null) {
            return Optional.empty(); // a rollback: its source is this environment's own history
        }
        if (policy == null || policy.from == null || !policy.from.contains(requested.environment)) {
            return Optional.of(new Problem(PromotionReasons.SOURCE_NOT_ACCEPTED, "DataEnvironment "
                    + target.getMetadata().getName() + " does not accept promotions from " + requested.environment
                    + (policy == null || policy.from == null || policy.from.isEmpty() ? " (its spec.promotion.from is empty)"
                    : "; it accepts " + String.join(", ", policy.from))));
        }
        if (source == null) {
            return Optional.of(new Problem(PromotionReasons.SOURCE_ENVIRONMENT_NOT_FOUND, "DataEnvironment "
                    + requested.environment + " does not exist"));
        }
        return Optional.empty();
    }
}

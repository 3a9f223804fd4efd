package io.raffinerie.operator.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What a user may see and do in a namespace, as their RBAC grants it: reading runs shows an environment, creating
 * runs shows Run buttons, patching runs shows Cancel. Actions are then performed as the user, so the API server
 * decides again.
 */
@ApplicationScoped
public class AccessReviews {
    static final String GROUP = "raffinerie.io";
    static final String RUNS = "dataruns";

    /** What a user may do in one namespace. */
    public record Rights(boolean read, boolean run, boolean cancel) {
        static final Rights NONE = new Rights(false, false, false);
    }

    @Inject
    ApiReviews reviews;

    public Rights rights(DashboardUser user, String namespace) {
        if (!reviews.allowed(user, namespace, "list")) {
            return Rights.NONE;
        }
        return new Rights(true, reviews.allowed(user, namespace, "create"), reviews.allowed(user, namespace, "patch"));
    }
}

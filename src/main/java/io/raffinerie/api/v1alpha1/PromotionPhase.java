package io.raffinerie.api.v1alpha1;

/** Where a promotion stands. */
public enum PromotionPhase {
    PendingApproval, Promoting, Verifying, Succeeded, Failed, Rejected;

    public boolean isFinished() {
        return this == Succeeded || this == Failed || this == Rejected;
    }
}

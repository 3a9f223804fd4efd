package io.raffinerie.api.v1alpha1;

/** What an approver decided. */
public enum ApprovalDecision {
    Approved, Rejected
}

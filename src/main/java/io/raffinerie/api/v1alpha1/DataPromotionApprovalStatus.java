package io.raffinerie.api.v1alpha1;

/** Nothing: the promotion's status.approvals says whether an approval counted and why not. */
public class DataPromotionApprovalStatus {
}

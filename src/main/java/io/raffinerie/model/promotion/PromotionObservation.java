package io.raffinerie.model.promotion;

import io.raffinerie.api.v1alpha1.ApprovalPolicy;
import io.raffinerie.api.v1alpha1.DataPromotion;
import io.raffinerie.api.v1alpha1.PromotionGit;
import io.raffinerie.api.v1alpha1.PromotionVerification;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.model.Problem;
import java.util.List;
import java.util.Optional;

/**
 * What the cluster shows about a promotion: the source environment's namespace (null for a rollback or an unknown
 * source), why it cannot go on (a bad source, a target being deleted, a target
 * GitOps owns...), the approvals as counted, what it would write ({@code plan}, with the source revision promoted),
 * what putting back the environment's previous state would write ({@code restore}, when there is a previous state),
 * the verification run's phase (null before it exists), and the repository the writes go to instead of the cluster
 * when the target is GitOps-managed (null otherwise).
 */
public record PromotionObservation(DataPromotion promotion, String sourceNamespace, Optional<Problem> problem,
        ApprovalPolicy approvals,
        ApprovalTally.Tally tally, Long revision, List<PlannedWrite> plan, List<PlannedWrite> restore,
        PromotionVerification verification, RunPhase verificationPhase, PromotionGit git) {
}

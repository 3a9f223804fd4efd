package io.raffinerie.operator.promotion;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataPromotion;
import io.raffinerie.api.v1alpha1.DataPromotionApproval;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.PreservedField;
import io.raffinerie.api.v1alpha1.PromotionPhase;
import io.raffinerie.api.v1alpha1.PromotionPolicy;
import io.raffinerie.api.v1alpha1.PromotionSource;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.model.Problem;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.promotion.ApprovalTally;
import io.raffinerie.model.promotion.PlannedWrite;
import io.raffinerie.model.promotion.PromotionDecision;
import io.raffinerie.model.promotion.PromotionObservation;
import io.raffinerie.model.promotion.PromotionReasons;
import io.raffinerie.model.promotion.SourceChecks;
import io.raffinerie.operator.common.Caches;
import io.raffinerie.operator.common.Environments;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Gathers what the cluster shows about a promotion: environments and approvals from the caches, the rest live. */
@ApplicationScoped
public class PromotionObserver {
    private final PromotionSources sources;

    public PromotionObserver(PromotionSources sources) {
        this.sources = sources;
    }

    public PromotionObservation observe(DataPromotion promotion, Context<DataPromotion> context) {
        String namespace = promotion.getMetadata().getNamespace();
        DataEnvironment target = Environments.find(context, namespace).orElse(null);
        PromotionPolicy policy = target == null || target.getSpec() == null || target.getSpec().promotion == null
                ? new PromotionPolicy() : target.getSpec().promotion;
        PromotionSource source = promotion.getSpec().source;
        DataEnvironment sourceEnvironment = source == null ? null
                : Caches.eventSource(context, DataEnvironment.class).get(new ResourceID(source.environment)).orElse(null);
        Optional<Problem> problem = SourceChecks.problem(namespace, target, source, sourceEnvironment);
        PromotionPhase phase = promotion.getStatus() == null ? null : promotion.getStatus().phase;
        Long revision = null;
        String sourceNamespace = null;
        List<PlannedWrite> plan = List.of();
        if (problem.isEmpty()) {
            PromotionSources.Plan planned;
            if (source == null) {
                planned = rollback(promotion, context);
            } else {
                sourceNamespace = EnvironmentModel.namespaceOf(sourceEnvironment);
                revision = promotion.getStatus() != null && promotion.getStatus().revision != null ? promotion.getStatus().revision
                        : source.revision != null ? source.revision : sources.currentRevision(sourceNamespace, source.kind, source.name);
                planned = sources.promote(sourceNamespace, source.kind, source.name, revision, namespace, preserved(policy));
            }
            plan = planned.writes();
            // An environment whose manifests live in Git (spec.promotion.git) gets commits; without it, an object a
            // GitOps tool owns is never written.
            problem = planned.problem().or(() -> policy.git == null && (phase == null || phase == PromotionPhase.PendingApproval)
                    ? sources.gitOpsOwner(namespace, planned.writes()).map(owner -> new Problem(PromotionReasons.MANAGED_BY_GITOPS,
                            owner + ": the operator never writes it; set spec.promotion.git on the DataEnvironment to commit"
                            + " promotions to the repository the tool syncs, or change the manifest there"))
                    : Optional.empty());
        }
        RunPhase verified = verificationPhase(promotion, context);
        // What putting the target back would write is read only once the verification run failed: it is all live GETs.
        List<PlannedWrite> restore = phase == PromotionPhase.Verifying && verified != null && verified.isFinished()
                && verified != RunPhase.Succeeded && !promotion.getStatus().previous.isEmpty()
                ? sources.restore(namespace, promotion.getStatus().previous).writes() : List.of();
        List<DataPromotionApproval> approvals = Caches.list(context, DataPromotionApproval.class, namespace)
                .filter(a -> a.getSpec() != null && promotion.getMetadata().getName().equals(a.getSpec().promotion)).toList();
        ApprovalTally.Tally tally = ApprovalTally.of(policy.approvals, target == null ? null : target.getSpec().access,
                promotion.getSpec().requestedBy, approvals);
        return new PromotionObservation(promotion, sourceNamespace, problem, policy.approvals, tally, revision, plan, restore,
                policy.verification, verified, policy.git);
    }

    private PromotionSources.Plan rollback(DataPromotion promotion, Context<DataPromotion> context) {
        String namespace = promotion.getMetadata().getNamespace();
        String undone = promotion.getSpec().rollbackOf;
        Optional<DataPromotion> earlier = context.getPrimaryCache().get(new ResourceID(undone, namespace));
        if (earlier.isEmpty() || earlier.get().getStatus() == null || earlier.get().getStatus().phase != PromotionPhase.Succeeded) {
            return new PromotionSources.Plan(List.of(), Optional.of(new Problem(PromotionReasons.PROMOTION_NOT_FOUND,
                    "rollbackOf names " + undone + ", which is no succeeded DataPromotion of " + namespace)));
        }
        return sources.restore(namespace, earlier.get().getStatus().previous);
    }

    private static Set<PreservedField> preserved(PromotionPolicy policy) {
        return policy.preserve == null || policy.preserve.isEmpty() ? EnumSet.noneOf(PreservedField.class)
                : EnumSet.copyOf(policy.preserve);
    }

    /** The verification run's phase (Pending before its first status), or null before it exists. */
    private static RunPhase verificationPhase(DataPromotion promotion, Context<DataPromotion> context) {
        String name = PromotionDecision.verificationRun(promotion.getMetadata().getName());
        return Caches.eventSource(context, DataRun.class).get(new ResourceID(name, promotion.getMetadata().getNamespace()))
                .map(r -> r.getStatus() == null || r.getStatus().phase == null ? RunPhase.Pending : r.getStatus().phase)
                .orElse(null);
    }
}

package io.raffinerie.model.dashboard;

import io.raffinerie.api.v1alpha1.DataPromotion;
import io.raffinerie.api.v1alpha1.DataPromotionStatus;
import io.raffinerie.api.v1alpha1.PromotedObject;
import io.raffinerie.api.v1alpha1.PromotionPhase;
import io.raffinerie.model.Conditions;
import io.raffinerie.model.promotion.PromotionDecision;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The promotions into an environment, as the environment page lists them and a promotion's page shows one. */
public final class PromotionViews {
    private PromotionViews() {
    }

    /** One promotion: what it copies from where ({@code what} "DataPipeline daily", or the promotion a rollback undoes). */
    public record PromotionRow(String namespace, String name, String source, String what, String revision, String phase,
            String requestedBy, String reason, String message, String created) {
    }

    /** One decision, and why it does not count when it does not. */
    public record ApprovalRow(String name, String user, String decision, String at, String refused) {
    }

    /** Everything a promotion's status records, with its verification run (null before it starts). */
    public record PromotionPage(PromotionRow row, String requestReason, String diff, List<RevisionViews.DiffLine> patch,
            List<ApprovalRow> approvals,
            List<String> promoted, List<String> previous, String verificationRun, String verificationPhase, boolean rolledBack) {
    }

    /** Newest first. */
    public static List<PromotionRow> rows(List<DataPromotion> promotions) {
        return promotions.stream()
                .sorted(Comparator.comparing((DataPromotion p) -> Objects.toString(p.getMetadata().getCreationTimestamp(), "")).reversed()
                        .thenComparing(p -> p.getMetadata().getName()))
                .map(PromotionViews::row).toList();
    }

    public static PromotionRow row(DataPromotion promotion) {
        var spec = promotion.getSpec();
        DataPromotionStatus status = promotion.getStatus() == null ? new DataPromotionStatus() : promotion.getStatus();
        var ready = Conditions.find(status.conditions, Conditions.READY);
        boolean rollback = spec.source == null;
        return new PromotionRow(promotion.getMetadata().getNamespace(), promotion.getMetadata().getName(),
                rollback ? "" : spec.source.environment,
                rollback ? "rollback of " + spec.rollbackOf : spec.source.kind + " " + spec.source.name,
                status.revision == null ? "" : String.valueOf(status.revision),
                (status.phase == null ? PromotionPhase.PendingApproval : status.phase).name(), spec.requestedBy,
                ready.map(c -> c.getReason()).orElse(""), ready.map(c -> c.getMessage()).orElse(""),
                promotion.getMetadata().getCreationTimestamp());
    }

    public static PromotionPage page(DataPromotion promotion) {
        DataPromotionStatus status = promotion.getStatus() == null ? new DataPromotionStatus() : promotion.getStatus();
        List<ApprovalRow> approvals = status.approvals.stream().map(a -> new ApprovalRow(a.name, a.user,
                a.decision == null ? "" : a.decision.name(), a.at, a.refused == null ? "" : a.refused)).toList();
        return new PromotionPage(row(promotion), Objects.toString(promotion.getSpec().reason, ""), status.diff == null ? "" : status.diff.summary,
                status.diff == null ? List.of() : status.diff.patch.stream().map(RevisionViews::line).toList(),
                approvals, objects(status.promoted, "source revision ", "?"), objects(status.previous, "revision ", "none: the promotion created it"),
                status.verification == null ? null : PromotionDecision.verificationRun(promotion.getMetadata().getName()),
                status.verification == null || status.verification.phase == null ? "Pending" : status.verification.phase.name(),
                status.verification != null && Boolean.TRUE.equals(status.verification.rolledBack));
    }

    private static List<String> objects(List<PromotedObject> objects, String revisionWord, String none) {
        return objects.stream().map(o -> o.kind + " " + o.name + ", " + (o.revision == null ? none : revisionWord + o.revision))
                .toList();
    }
}

package io.raffinerie.model.promotion;

import io.raffinerie.api.v1alpha1.DataPromotionStatus;
import io.raffinerie.api.v1alpha1.PromotedObject;
import io.raffinerie.api.v1alpha1.PromotionCommit;
import io.raffinerie.api.v1alpha1.PromotionDiff;
import io.raffinerie.api.v1alpha1.PromotionApprovalRecord;
import io.raffinerie.api.v1alpha1.PromotionPhase;
import io.raffinerie.api.v1alpha1.PromotionVerificationStatus;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.model.Conditions;
import io.raffinerie.model.Problem;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The next status of a promotion and what to do, from an observation: the state machine PendingApproval → Promoting
 * → (Verifying) → Succeeded, or Rejected / Failed. The previous state of the target is recorded in the status before
 * anything is written ({@code requeue}: the status is patched first, the writes follow), so a rollback always knows
 * what to put back.
 */
public final class PromotionDecision {
    public static final String VERIFY_SUFFIX = "-verify";

    /** What to carry out: writes (SSA or deletion) and the verification run to create, if any. */
    /**
     * {@code commit}: the writes go to the environment's Git repository as one commit instead of the cluster (a
     * GitOps-managed target), after which the promotion is done (the tool applies it).
     */
    public record Outcome(DataPromotionStatus status, List<PlannedWrite> writes, boolean startVerification, boolean requeue,
            boolean commit) {
        Outcome(DataPromotionStatus status, List<PlannedWrite> writes, boolean startVerification, boolean requeue) {
            this(status, writes, startVerification, requeue, false);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PromotionDecision() {
    }

    public static Outcome decide(PromotionObservation o, Clock clock) {
        DataPromotionStatus status = copy(o.promotion().getStatus());
        Long generation = o.promotion().getMetadata().getGeneration();
        PromotionPhase phase = status.phase == null ? PromotionPhase.PendingApproval : status.phase;
        if (phase.isFinished()) {
            return new Outcome(status, List.of(), false, false);
        }
        status.approvals = o.tally().records();
        status.requestedBy = o.promotion().getSpec().requestedBy;
        if (o.problem().isPresent() && phase == PromotionPhase.PendingApproval) {
            return finish(status, PromotionPhase.Failed, o.problem().get(), generation, clock);
        }
        return switch (phase) {
            case PendingApproval -> pending(o, status, generation, clock);
            case Promoting -> promoting(o, status, generation, clock);
            case Verifying -> verifying(o, status, generation, clock);
            default -> new Outcome(status, List.of(), false, false);
        };
    }

    private static Outcome pending(PromotionObservation o, DataPromotionStatus status, Long generation, Clock clock) {
        status.revision = o.revision();
        status.sourceNamespace = o.sourceNamespace();
        status.diff = new PromotionDiff(String.join("; ", o.plan().stream().map(PlannedWrite::describe).toList()),
                SpecDiff.patch(o.plan()));
        status.promoted = o.plan().stream().map(w -> new PromotedObject(w.kind(), w.name(), w.sourceRevision())).toList();
        if (o.tally().rejection().isPresent()) {
            PromotionApprovalRecord r = o.tally().rejection().get();
            return finish(status, PromotionPhase.Rejected, new Problem(PromotionReasons.REJECTED, "rejected by " + r.user
                    + " (DataPromotionApproval " + r.name + ")"), generation, clock);
        }
        int required = o.approvals() == null ? 1 : o.approvals().required();
        if (o.tally().approved() < required) {
            status.phase = PromotionPhase.PendingApproval;
            String refused = o.tally().records().stream().filter(r -> r.refused != null)
                    .map(r -> r.user + " (" + r.refused + ")").reduce((a, b) -> a + ", " + b).map(s -> "; not counted: " + s).orElse("");
            ready(status, false, PromotionReasons.PENDING_APPROVAL, o.tally().approved() + " of " + required
                    + " approvals; who may approve: " + ApprovalTally.approvers(o.approvals()) + refused, generation, clock);
            return new Outcome(status, List.of(), false, false);
        }
        Optional<PlannedWrite> unsettled = o.plan().stream().filter(w -> w.current() != null && w.currentRevision() == null)
                .findFirst();
        if (unsettled.isPresent()) {
            // What the target has must be a revision, or a rollback could not put it back: its controller records it.
            status.phase = PromotionPhase.PendingApproval;
            ready(status, false, PromotionReasons.PENDING_APPROVAL, "approved; waiting for " + unsettled.get().kind() + " "
                    + unsettled.get().name() + " to record its current spec as a revision", generation, clock);
            return new Outcome(status, List.of(), false, true);
        }
        status.phase = PromotionPhase.Promoting;
        status.previous = o.plan().stream().map(w -> new PromotedObject(w.kind(), w.name(), w.current() == null ? null
                : w.currentRevision())).toList();
        ready(status, false, PromotionReasons.PROMOTING, "approved: writing " + status.diff.summary, generation, clock);
        return new Outcome(status, List.of(), false, true);
    }

    private static Outcome promoting(PromotionObservation o, DataPromotionStatus status, Long generation, Clock clock) {
        if (o.git() != null) {
            return new Outcome(status, o.plan(), false, false, true);
        }
        if (!o.plan().stream().allMatch(PlannedWrite::applied)) {
            return new Outcome(status, o.plan(), false, true);
        }
        if (o.verification() != null && o.promotion().getSpec().rollbackOf == null) {
            status.phase = PromotionPhase.Verifying;
            status.verification = new PromotionVerificationStatus();
            status.verification.run = verificationRun(o.promotion().getMetadata().getName());
            ready(status, false, PromotionReasons.VERIFYING, "written; verifying with DataRun " + status.verification.run,
                    generation, clock);
            return new Outcome(status, List.of(), true, false);
        }
        return finish(status, PromotionPhase.Succeeded, null, generation, clock);
    }

    private static Outcome verifying(PromotionObservation o, DataPromotionStatus status, Long generation, Clock clock) {
        RunPhase run = o.verificationPhase();
        status.verification.phase = run;
        if (run == null || !run.isFinished()) {
            return new Outcome(status, List.of(), run == null, false);
        }
        if (run == RunPhase.Succeeded) {
            return finish(status, PromotionPhase.Succeeded, null, generation, clock);
        }
        boolean rollBack = o.verification() == null || o.verification().rollsBack();
        if (rollBack && !o.restore().stream().allMatch(PlannedWrite::applied)) {
            return new Outcome(status, o.restore(), false, true);
        }
        status.verification.rolledBack = rollBack;
        return finish(status, PromotionPhase.Failed, new Problem(PromotionReasons.VERIFICATION_FAILED, "the verification run "
                + status.verification.run + " ended " + run + (rollBack ? "; what the environment had before was put back"
                : "; the promoted objects stay (autoRollback: false)")), generation, clock);
    }

    /** The commit made for a GitOps-managed target: the promotion is done, the tool syncing the repository applies it. */
    public static Outcome committed(DataPromotionStatus status, PromotionCommit commit, Long generation, Clock clock) {
        status.git = commit;
        status.phase = PromotionPhase.Succeeded;
        status.completionTime = Conditions.timestamp(clock.instant());
        ready(status, true, PromotionReasons.COMMITTED, "committed " + commit.commit + " to " + commit.repository + " (" + commit.branch
                + "): " + (commit.files.isEmpty() ? "the repository already held it" : String.join(", ", commit.files))
                + "; the GitOps tool applies it", generation, clock);
        return new Outcome(status, List.of(), false, false);
    }

    /** A write the API server stored otherwise: the promotion stops, Failed, rather than write again. */
    public static Outcome stopped(DataPromotionStatus status, Problem problem, Long generation, Clock clock) {
        return finish(status, PromotionPhase.Failed, problem, generation, clock);
    }

    public static String verificationRun(String promotion) {
        return promotion.length() + VERIFY_SUFFIX.length() <= 63 ? promotion + VERIFY_SUFFIX
                : promotion.substring(0, 63 - VERIFY_SUFFIX.length()) + VERIFY_SUFFIX;
    }

    private static Outcome finish(DataPromotionStatus status, PromotionPhase phase, Problem problem, Long generation, Clock clock) {
        status.phase = phase;
        status.completionTime = Conditions.timestamp(clock.instant());
        if (problem == null) {
            ready(status, true, PromotionReasons.PROMOTED, "promoted: " + (status.diff == null ? "" : status.diff.summary), generation, clock);
        } else {
            ready(status, false, problem.reason(), problem.message(), generation, clock);
        }
        return new Outcome(status, List.of(), false, false);
    }

    private static void ready(DataPromotionStatus status, boolean ready, String reason, String message, Long generation, Clock clock) {
        status.observedGeneration = generation;
        status.conditions = Conditions.set(status.conditions, Conditions.READY, ready, reason, message, generation, clock);
    }

    private static DataPromotionStatus copy(DataPromotionStatus status) {
        return status == null ? new DataPromotionStatus() : MAPPER.convertValue(status, DataPromotionStatus.class);
    }
}

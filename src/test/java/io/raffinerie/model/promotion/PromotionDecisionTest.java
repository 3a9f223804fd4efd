package io.raffinerie.model.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.raffinerie.api.v1alpha1.ApprovalDecision;
import io.raffinerie.api.v1alpha1.DataPromotion;
import io.raffinerie.api.v1alpha1.DataPromotionApproval;
import io.raffinerie.api.v1alpha1.DataPromotionSpec;
import io.raffinerie.api.v1alpha1.DataPromotionStatus;
import io.raffinerie.api.v1alpha1.PromotedObject;
import io.raffinerie.api.v1alpha1.PromotionPhase;
import io.raffinerie.api.v1alpha1.PromotionSource;
import io.raffinerie.api.v1alpha1.PromotionVerification;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.model.Conditions;
import io.raffinerie.model.Problem;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PromotionDecisionTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
    static final ObjectNode V2 = JsonNodeFactory.instance.objectNode().put("script", "echo v2");
    static final ObjectNode V1 = JsonNodeFactory.instance.objectNode().put("script", "echo v1");

    @Test
    void withoutEnoughApprovalsItWaitsAndSaysWhoMayApprove() {
        PromotionDecision.Outcome outcome = PromotionDecision.decide(observe(promotion(null), List.of(approval("alice")),
                List.of(write(V1)), null, null), CLOCK);
        assertThat(outcome.status().phase).isEqualTo(PromotionPhase.PendingApproval);
        assertThat(outcome.writes()).isEmpty();
        assertThat(ready(outcome)).isEqualTo("False PendingApproval 0 of 1 approvals; who may approve: the environment's"
                + " managers; not counted: alice (SelfApproval)");
        assertThat(outcome.status().diff.summary).isEqualTo("DataJob clean: script changed");
        assertThat(outcome.status().diff.patch).contains("-  \"script\" : \"echo v1\"");
    }

    @Test
    void onceApprovedItRecordsWhatTheTargetHadBeforeWritingAnything() {
        PromotionDecision.Outcome outcome = PromotionDecision.decide(observe(promotion(null), List.of(approval("bob")),
                List.of(write(V1)), null, null), CLOCK);
        assertThat(outcome.status().phase).isEqualTo(PromotionPhase.Promoting);
        assertThat(outcome.writes()).isEmpty();
        assertThat(outcome.requeue()).isTrue();
        assertThat(outcome.status().previous).containsExactly(new PromotedObject("DataJob", "clean", 5L));
        assertThat(outcome.status().promoted).containsExactly(new PromotedObject("DataJob", "clean", 3L));
    }

    @Test
    void promotingWritesUntilTheTargetHoldsTheSpecThenVerifies() {
        DataPromotion promoting = promotion(PromotionPhase.Promoting);
        PromotionVerification verification = new PromotionVerification();
        verification.jobRef = "clean";
        PromotionDecision.Outcome writing = PromotionDecision.decide(observe(promoting, List.of(approval("bob")),
                List.of(write(V1)), verification, null), CLOCK);
        assertThat(writing.writes()).hasSize(1);
        assertThat(writing.status().phase).isEqualTo(PromotionPhase.Promoting);

        PromotionDecision.Outcome written = PromotionDecision.decide(observe(promoting, List.of(approval("bob")),
                List.of(write(V2)), verification, null), CLOCK);
        assertThat(written.writes()).isEmpty();
        assertThat(written.startVerification()).isTrue();
        assertThat(written.status().phase).isEqualTo(PromotionPhase.Verifying);
        assertThat(written.status().verification.run).isEqualTo("clean-to-prod-verify");
    }

    @Test
    void aFailedVerificationPutsBackWhatTheTargetHadThenFails() {
        DataPromotion verifying = promotion(PromotionPhase.Verifying);
        verifying.getStatus().verification = new io.raffinerie.api.v1alpha1.PromotionVerificationStatus();
        verifying.getStatus().verification.run = "clean-to-prod-verify";
        PromotionVerification verification = new PromotionVerification();
        verification.jobRef = "clean";
        PlannedWrite restore = new PlannedWrite("DataJob", "clean", 5L, V1, V2, 6L);
        PromotionObservation failed = new PromotionObservation(verifying, "dev", Optional.empty(), null, tally(List.of()), 3L,
                List.of(write(V2)), List.of(restore), verification, RunPhase.Failed, null);
        PromotionDecision.Outcome restoring = PromotionDecision.decide(failed, CLOCK);
        assertThat(restoring.writes()).containsExactly(restore);
        assertThat(restoring.status().phase).isEqualTo(PromotionPhase.Verifying);

        PlannedWrite restored = new PlannedWrite("DataJob", "clean", 5L, V1, V1, 5L);
        PromotionDecision.Outcome done = PromotionDecision.decide(new PromotionObservation(verifying, "dev", Optional.empty(), null,
                tally(List.of()), 3L, List.of(write(V2)), List.of(restored), verification, RunPhase.Failed, null), CLOCK);
        assertThat(done.status().phase).isEqualTo(PromotionPhase.Failed);
        assertThat(done.status().verification.rolledBack).isTrue();
        assertThat(ready(done)).startsWith("False VerificationFailed the verification run clean-to-prod-verify ended Failed");
    }

    @Test
    void aBadSourceFailsAtOnceAndARejectionRejects() {
        PromotionObservation refused = new PromotionObservation(promotion(null), null,
                Optional.of(new Problem(PromotionReasons.SOURCE_NOT_ACCEPTED, "no")), null, tally(List.of()), null,
                List.of(), List.of(), null, null, null);
        PromotionDecision.Outcome failed = PromotionDecision.decide(refused, CLOCK);
        assertThat(failed.status().phase).isEqualTo(PromotionPhase.Failed);
        assertThat(ready(failed)).isEqualTo("False SourceNotAccepted no");
        assertThat(PromotionDecision.decide(new PromotionObservation(promotion(PromotionPhase.Failed), "dev", Optional.empty(), null,
                tally(List.of()), null, List.of(), List.of(), null, null, null), CLOCK).status().phase).isEqualTo(PromotionPhase.Failed);

        DataPromotionApproval no = approval("bob");
        no.getSpec().decision = ApprovalDecision.Rejected;
        assertThat(PromotionDecision.decide(observe(promotion(null), List.of(no), List.of(write(V1)), null, null), CLOCK)
                .status().phase).isEqualTo(PromotionPhase.Rejected);
    }

    private static String ready(PromotionDecision.Outcome outcome) {
        var c = Conditions.find(outcome.status().conditions, Conditions.READY).orElseThrow();
        return c.getStatus() + " " + c.getReason() + " " + c.getMessage();
    }

    private static PlannedWrite write(ObjectNode current) {
        return new PlannedWrite("DataJob", "clean", 3L, V2, current, 5L);
    }

    private static PromotionObservation observe(DataPromotion promotion, List<DataPromotionApproval> approvals,
            List<PlannedWrite> plan, PromotionVerification verification, RunPhase run) {
        return new PromotionObservation(promotion, "dev", Optional.empty(), null, tally(approvals), 3L, plan, List.of(), verification, run, null);
    }

    private static ApprovalTally.Tally tally(List<DataPromotionApproval> approvals) {
        return ApprovalTally.of(null, ApprovalTallyTest.ACCESS, "alice", approvals);
    }

    private static DataPromotionApproval approval(String user) {
        return ApprovalTallyTest.approval("by-" + user, user, ApprovalDecision.Approved, "2026-12-03T09:00:00Z");
    }

    private static DataPromotion promotion(PromotionPhase phase) {
        DataPromotion promotion = new DataPromotion();
        promotion.setMetadata(new ObjectMetaBuilder().withName("clean-to-prod").withNamespace("prod").withGeneration(1L).build());
        promotion.setSpec(new DataPromotionSpec());
        promotion.getSpec().source = new PromotionSource();
        promotion.getSpec().source.environment = "dev";
        promotion.getSpec().source.kind = "DataJob";
        promotion.getSpec().source.name = "clean";
        promotion.getSpec().requestedBy = "alice";
        if (phase != null) {
            promotion.setStatus(new DataPromotionStatus());
            promotion.getStatus().phase = phase;
            promotion.getStatus().previous = List.of(new PromotedObject("DataJob", "clean", 5L));
        }
        return promotion;
    }
}

package io.raffinerie.model.promotion;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.raffinerie.api.v1alpha1.AccessEntry;
import io.raffinerie.api.v1alpha1.AccessRole;
import io.raffinerie.api.v1alpha1.ApprovalDecision;
import io.raffinerie.api.v1alpha1.ApprovalPolicy;
import io.raffinerie.api.v1alpha1.DataPromotionApproval;
import io.raffinerie.api.v1alpha1.DataPromotionApprovalSpec;
import io.raffinerie.api.v1alpha1.PromotionApprovalRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalTallyTest {
    static final List<AccessEntry> ACCESS = List.of(entry(AccessRole.manager, "bob", "sales-leads"),
            entry(AccessRole.editor, "alice", null));

    @Test
    void theRequesterNeverCountsAndAManagerDoes() {
        ApprovalTally.Tally tally = ApprovalTally.of(null, ACCESS, "alice", List.of(
                approval("a1", "alice", ApprovalDecision.Approved, "2026-12-03T10:00:00Z"),
                approval("a2", "bob", ApprovalDecision.Approved, "2026-12-03T10:01:00Z")));
        assertThat(tally.approved()).isEqualTo(1);
        assertThat(tally.records()).extracting(r -> r.user + ":" + r.refused)
                .containsExactly("alice:" + ApprovalTally.SELF_APPROVAL, "bob:null");
        assertThat(tally.rejection()).isEmpty();
    }

    @Test
    void someoneOutsideThePolicyIsNotAnApproverAndGroupsCountAsAdmitted() {
        ApprovalPolicy policy = new ApprovalPolicy();
        policy.groups = List.of("release-managers");
        ApprovalTally.Tally tally = ApprovalTally.of(policy, ACCESS, "alice", List.of(
                approval("a1", "bob", ApprovalDecision.Approved, "2026-12-03T10:00:00Z"), // a manager, but not listed
                approvalWithGroups("a2", "carol", List.of("release-managers"))));
        assertThat(tally.records()).extracting(r -> r.user + ":" + r.refused)
                .containsExactly("bob:" + ApprovalTally.NOT_AN_APPROVER, "carol:null");
        assertThat(tally.approved()).isEqualTo(1);
    }

    @Test
    void aRejectionByAnApproverIsKeptAndAPersonCountsOnce() {
        ApprovalTally.Tally tally = ApprovalTally.of(null, List.of(entry(AccessRole.manager, null, "sales-leads")), "alice", List.of(
                approvalWithGroups("a1", "bob", List.of("sales-leads")),
                approvalWithGroups("a2", "bob", List.of("sales-leads")),
                rejectionWithGroups("a3", "dave", List.of("sales-leads"))));
        assertThat(tally.approved()).isEqualTo(1);
        assertThat(tally.records()).extracting(r -> r.refused).containsExactly(null, ApprovalTally.DUPLICATE, null);
        assertThat(tally.rejection()).map(r -> r.user).contains("dave");
    }

    @Test
    void aManagerServiceAccountApprovesAsItsApiServerUser() {
        AccessEntry robots = new AccessEntry();
        robots.role = AccessRole.manager;
        robots.serviceAccounts = List.of("ci/release");
        assertThat(ApprovalTally.mayApprove(null, List.of(robots), "system:serviceaccount:ci:release", null)).isTrue();
        assertThat(ApprovalTally.mayApprove(null, List.of(robots), "system:serviceaccount:ci:other", null)).isFalse();
    }

    static AccessEntry entry(AccessRole role, String user, String group) {
        AccessEntry entry = new AccessEntry();
        entry.role = role;
        entry.users = user == null ? null : List.of(user);
        entry.groups = group == null ? null : List.of(group);
        return entry;
    }

    static DataPromotionApproval approval(String name, String user, ApprovalDecision decision, String at) {
        DataPromotionApproval approval = new DataPromotionApproval();
        approval.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("prod").withCreationTimestamp(at).build());
        approval.setSpec(new DataPromotionApprovalSpec());
        approval.getSpec().promotion = "p";
        approval.getSpec().user = user;
        approval.getSpec().decision = decision;
        return approval;
    }

    private static DataPromotionApproval approvalWithGroups(String name, String user, List<String> groups) {
        DataPromotionApproval approval = approval(name, user, ApprovalDecision.Approved, "2026-12-03T10:0" + name.charAt(1) + ":00Z");
        approval.getSpec().groups = groups;
        return approval;
    }

    private static DataPromotionApproval rejectionWithGroups(String name, String user, List<String> groups) {
        DataPromotionApproval approval = approvalWithGroups(name, user, groups);
        approval.getSpec().decision = ApprovalDecision.Rejected;
        return approval;
    }
}

package io.raffinerie.model.promotion;

import io.raffinerie.api.v1alpha1.AccessEntry;
import io.raffinerie.api.v1alpha1.AccessRole;
import io.raffinerie.api.v1alpha1.ApprovalDecision;
import io.raffinerie.api.v1alpha1.ApprovalPolicy;
import io.raffinerie.api.v1alpha1.DataPromotionApproval;
import io.raffinerie.api.v1alpha1.PromotionApprovalRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which approvals of a promotion count. Who made an approval is a fact checked at admission (spec.user and spec.groups
 * against the API server's userInfo); here the target environment's policy decides whether that person may approve.
 * The requester never counts, and each person counts once, by their earliest decision.
 */
public final class ApprovalTally {
    public static final String SELF_APPROVAL = "SelfApproval";
    public static final String NOT_AN_APPROVER = "NotAnApprover";
    public static final String DUPLICATE = "AlreadyDecided";

    /** The records (in creation order), how many approvals count, and the first counted rejection, if any. */
    public record Tally(List<PromotionApprovalRecord> records, int approved, Optional<PromotionApprovalRecord> rejection) {
    }

    private ApprovalTally() {
    }

    public static Tally of(ApprovalPolicy policy, List<AccessEntry> access, String requestedBy,
            List<DataPromotionApproval> approvals) {
        List<PromotionApprovalRecord> records = new ArrayList<>();
        List<String> decided = new ArrayList<>();
        int approved = 0;
        PromotionApprovalRecord rejection = null;
        List<DataPromotionApproval> ordered = approvals.stream()
                .sorted(Comparator.comparing((DataPromotionApproval a) -> Objects.toString(a.getMetadata().getCreationTimestamp(), ""))
                        .thenComparing(a -> a.getMetadata().getName()))
                .toList();
        for (DataPromotionApproval approval : ordered) {
            String user = approval.getSpec().user;
            String refused = Objects.equals(user, requestedBy) ? SELF_APPROVAL
                    : !mayApprove(policy, access, user, approval.getSpec().groups) ? NOT_AN_APPROVER
                    : decided.contains(user) ? DUPLICATE : null;
            PromotionApprovalRecord record = new PromotionApprovalRecord(approval.getMetadata().getName(), user,
                    approval.getSpec().decision, approval.getMetadata().getCreationTimestamp(), refused);
            records.add(record);
            if (refused != null) {
                continue;
            }
            decided.add(user);
            if (approval.getSpec().decision == ApprovalDecision.Rejected) {
                rejection = rejection == null ? record : rejection;
            } else {
                approved++;
            }
        }
        return new Tally(records, approved, Optional.ofNullable(rejection));
    }

    /** Listed users and groups when the policy names any; otherwise the environment's managers. */
    static boolean mayApprove(ApprovalPolicy policy, List<AccessEntry> access, String user, List<String> groups) {
        List<String> own = groups == null ? List.of() : groups;
        if (policy != null && (notEmpty(policy.users) || notEmpty(policy.groups))) {
            return contains(policy.users, user) || own.stream().anyMatch(g -> contains(policy.groups, g));
        }
        return access != null && access.stream().filter(e -> e.role == AccessRole.manager).anyMatch(e -> contains(e.users, user)
                || own.stream().anyMatch(g -> contains(e.groups, g))
                || (e.serviceAccounts != null && e.serviceAccounts.stream().anyMatch(sa -> serviceAccountUser(sa).equals(user))));
    }

    /** What the API server calls a service account "namespace/name" as a user. */
    static String serviceAccountUser(String namespacedName) {
        return "system:serviceaccount:" + namespacedName.replace('/', ':');
    }

    /** Who may approve, in words, for the message of a pending promotion. */
    public static String approvers(ApprovalPolicy policy) {
        if (policy != null && (notEmpty(policy.users) || notEmpty(policy.groups))) {
            List<String> who = new ArrayList<>();
            if (notEmpty(policy.users)) {
                who.add("users " + String.join(", ", policy.users));
            }
            if (notEmpty(policy.groups)) {
                who.add("members of " + String.join(", ", policy.groups));
            }
            return String.join(" or ", who);
        }
        return "the environment's managers";
    }

    private static boolean notEmpty(List<String> list) {
        return list != null && !list.isEmpty();
    }

    private static boolean contains(List<String> list, String value) {
        return list != null && value != null && list.contains(value);
    }
}

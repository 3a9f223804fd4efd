package io.raffinerie.model.promotion;

/** The reasons of a promotion's Ready condition (docs/reasons.md). */
public final class PromotionReasons {
    public static final String PENDING_APPROVAL = "PendingApproval";
    public static final String PROMOTING = "Promoting";
    public static final String VERIFYING = "Verifying";
    public static final String PROMOTED = "Promoted";
    public static final String REJECTED = "Rejected";
    public static final String VERIFICATION_FAILED = "VerificationFailed";
    /** The promotion's namespace is no DataEnvironment's, or its environment accepts no promotion. */
    public static final String NO_ENVIRONMENT = "NoEnvironment";
    public static final String ENVIRONMENT_DELETING = "EnvironmentDeleting";
    public static final String SOURCE_ENVIRONMENT_NOT_FOUND = "SourceEnvironmentNotFound";
    public static final String SOURCE_NOT_ACCEPTED = "SourceNotAccepted";
    public static final String SOURCE_NOT_FOUND = "SourceNotFound";
    public static final String REVISION_NOT_FOUND = "RevisionNotFound";
    public static final String PROMOTION_NOT_FOUND = "PromotionNotFound";
    /** The API server stored a target object with a spec other than the one written. */
    public static final String TARGET_ALTERED = "TargetAltered";
    /** Promoted into a GitOps-managed environment: committed to its repository. */
    public static final String COMMITTED = "Committed";
    /** The commit to the environment's repository could not be made or pushed. */
    public static final String GIT_FAILED = "GitFailed";
    /** A target object is owned by Argo CD or Flux: the operator never writes it. */
    public static final String MANAGED_BY_GITOPS = "ManagedByGitOps";

    private PromotionReasons() {
    }
}

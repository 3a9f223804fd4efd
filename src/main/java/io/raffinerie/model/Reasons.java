package io.raffinerie.model;

/** Condition reasons. CamelCase constants, as the Kubernetes API conventions ask. */
public final class Reasons {
    public static final String INVALID_SPEC = "InvalidSpec";
    public static final String INVALID_SCHEDULE = "InvalidSchedule";
    public static final String INVALID_DURATION = "InvalidDuration";
    public static final String CYCLE_DETECTED = "CycleDetected";
    public static final String JOB_NOT_FOUND = "JobNotFound";
    public static final String PIPELINE_NOT_FOUND = "PipelineNotFound";
    public static final String RUN_NOT_FOUND = "RunNotFound";
    public static final String NO_ENVIRONMENT = "NoEnvironment";
    public static final String ENVIRONMENT_NOT_READY = "EnvironmentNotReady";
    public static final String NAMESPACE_CONFLICT = "NamespaceConflict";
    public static final String UNKNOWN_TECHNOLOGY = "UnknownTechnology";
    /** The catalog's environment selector keeps the job's environment from using the technology. */
    public static final String TECHNOLOGY_NOT_ALLOWED = "TechnologyNotAllowed";
    /** The job's technology version is Disabled in the catalog. */
    public static final String VERSION_DISABLED = "VersionDisabled";
    /** A condition type (True while the job's version is Deprecated) and its reason. */
    public static final String DEPRECATED = "Deprecated";
    /** The Deprecated condition's reason when the version is not deprecated. */
    public static final String SUPPORTED = "Supported";
    public static final String UNKNOWN_PARAMETER = "UnknownParameter";
    public static final String MISSING_PARAMETER = "MissingParameter";
    public static final String PROVISIONING_FAILED = "ProvisioningFailed";
    /** A ClusterRole the environment's RoleBindings point at does not exist: the bindings grant nothing. */
    public static final String ACCESS_ROLE_MISSING = "AccessRoleMissing";
    /** The API server refused an object the spec makes (InvalidSpec is for what the operator itself finds). */
    public static final String REFUSED_BY_API = "RefusedByApiServer";
    /** Why a run or a step ended other than Succeeded (status.reason). RefusedByApiServer above is one too. */
    public static final String STEP_FAILED = "StepFailed";
    /** A run or step ran longer than its timeout; also the reason of a Job's Failed condition then. */
    public static final String DEADLINE_EXCEEDED = "DeadlineExceeded";
    public static final String CANCELLED = "Cancelled";
    public static final String JOB_DELETED = "JobDeleted";
    /** A step skipped because its when condition was not met: it was not meant to run. */
    public static final String CONDITION_NOT_MET = "ConditionNotMet";
    /** A step's results (its termination message) are malformed, too large, undeclared or missing: the step failed. */
    public static final String RESULTS_INVALID = "ResultsInvalid";
    /** A step's input names a step that is not upstream, or a result its job does not declare. */
    public static final String INVALID_INPUT = "InvalidInput";
    /** A Spark step whose spark-submit ended well but whose driver failed (spark-submit does not pass that on). */
    public static final String SPARK_DRIVER_FAILED = "SparkDriverFailed";
    /** A step's when is neither a known name nor a valid CEL expression on upstream results. */
    public static final String INVALID_CONDITION = "InvalidCondition";
    /** A step's when expression could not be evaluated (a missing result, a result that is no number...). */
    public static final String CONDITION_FAILED = "ConditionFailed";
    /** A run waits for the DataRevision it runs: not recorded yet (the spec just changed, or the pin is ahead). */
    public static final String REVISION_PENDING = "RevisionPending";
    /** The revision a run pins does not exist (never did, or was pruned). */
    public static final String REVISION_NOT_FOUND = "RevisionNotFound";
    /** A revision's content does not match its contentHash: someone replaced it. */
    public static final String REVISION_CORRUPTED = "RevisionCorrupted";
    public static final String RECONCILE_FAILED = "ReconcileFailed";
    public static final String PROVISIONED = "Provisioned";
    public static final String VALID = "Valid";
    public static final String ACCEPTED = "Accepted";
    /** The run is in the archive (condition Archived=True). */
    public static final String ARCHIVED = "Archived";
    /** The archive could not be written; the write is retried, and the run is kept in the cluster meanwhile. */
    public static final String ARCHIVE_UNAVAILABLE = "ArchiveUnavailable";

    private Reasons() {
    }
}

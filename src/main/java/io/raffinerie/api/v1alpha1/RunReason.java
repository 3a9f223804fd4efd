package io.raffinerie.api.v1alpha1;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a run ended other than Succeeded (status.reason): a step's outcome, the run's own deadline or cancel, or the
 * problem that kept it from starting (the reasons of the conditions, docs/reasons.md).
 */
public enum RunReason {
    /** A step's Job failed. */
    StepFailed,
    /** The run or a step ran longer than its timeout. */
    DeadlineExceeded,
    Cancelled,
    /** A running step's Job was deleted by someone. */
    JobDeleted,
    /** The API server refused, as invalid, an object the run makes. */
    RefusedByApiServer,
    // The problems that keep a run from starting, as the conditions name them.
    InvalidSpec,
    InvalidSchedule,
    InvalidDuration,
    CycleDetected,
    InvalidInput,
    InvalidCondition,
    JobNotFound,
    PipelineNotFound,
    RunNotFound,
    UnknownTechnology,
    TechnologyNotAllowed,
    VersionDisabled,
    UnknownParameter,
    MissingParameter,
    NoEnvironment,
    SnapshotTooLarge,
    /** The revision the run pins does not exist (never did, or was pruned), or was never recorded in time. */
    RevisionNotFound,
    /** The revision's content does not match its contentHash. */
    RevisionCorrupted;

    /** The run reason of a condition's or a step's reason of the same name. */
    public static Optional<RunReason> of(String reason) {
        return Arrays.stream(values()).filter(r -> r.name().equals(reason)).findFirst();
    }

    /** True when a step's or a condition's reason is this one. */
    public boolean is(String reason) {
        return name().equals(reason);
    }
}

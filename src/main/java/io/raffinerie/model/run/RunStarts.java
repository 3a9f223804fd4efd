package io.raffinerie.model.run;

import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.RunReason;
import io.raffinerie.model.Conditions;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Reasons;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A run that cannot start waits a grace period, since GitOps tools apply a run and the job it names in any order,
 * then fails with the reason that kept it from starting, so that it never starts long after it was asked for.
 * A run waiting for its environment to become ready is not failed: that is capacity, not a mistake in the run.
 */
public final class RunStarts {
    private RunStarts() {
    }

    /** What to do with a run that has not started and cannot: wait (and how long at most), or fail now. */
    public record Verdict(boolean fail, Optional<Duration> waitAtMost) {
    }

    public static Verdict judge(Problem problem, String creationTimestamp, Duration grace, Instant now) {
        if (waitsForCapacity(problem)) {
            return new Verdict(false, Optional.empty());
        }
        if (failsAtOnce(problem)) {
            return new Verdict(true, Optional.empty());
        }
        Instant created = creationTimestamp == null ? now : Instant.parse(creationTimestamp);
        Duration left = Duration.between(now, created.plus(grace));
        return !left.isNegative() && !left.isZero() ? new Verdict(false, Optional.of(left)) : new Verdict(true, Optional.empty());
    }

    /** The run's message while it waits. */
    public static String waiting(Problem problem, String creationTimestamp, Duration grace) {
        if (waitsForCapacity(problem) || creationTimestamp == null) {
            return "cannot start yet: " + problem.message();
        }
        return "cannot start yet: " + problem.message() + "; the run fails at "
                + Conditions.timestamp(Instant.parse(creationTimestamp).plus(grace)) + " unless this is fixed";
    }

    /** An environment that is not ready yet is capacity to wait for, not a mistake in the run. */
    private static boolean waitsForCapacity(Problem problem) {
        return Reasons.ENVIRONMENT_NOT_READY.equals(problem.reason());
    }

    /** A revision that was pruned or tampered with does not come back: waiting would not help. */
    private static boolean failsAtOnce(Problem problem) {
        return Reasons.REVISION_NOT_FOUND.equals(problem.reason()) || Reasons.REVISION_CORRUPTED.equals(problem.reason());
    }

    /**
     * The run fails without having started, with the problem's message. A revision still pending at the end of the
     * grace is not found.
     */
    public static void fail(DataRunStatus status, Problem problem, Instant now) {
        String reason = Reasons.REVISION_PENDING.equals(problem.reason()) ? Reasons.REVISION_NOT_FOUND : problem.reason();
        RunStatuses.failed(status, RunReason.of(reason).orElse(RunReason.InvalidSpec), "could not start: " + problem.message(), now);
    }
}

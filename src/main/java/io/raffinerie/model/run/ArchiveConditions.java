package io.raffinerie.model.run;

import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.model.Conditions;
import io.raffinerie.model.Reasons;
import java.time.Clock;

/**
 * The condition {@code Archived} on a finished run: True once the run is committed to the archive, False with
 * {@code ArchiveUnavailable} and the database's answer while it cannot be. The run itself is the outbox: a finished
 * run without Archived=True is still to be written, and is never pruned from its job's or pipeline's history.
 */
public final class ArchiveConditions {
    public static final String ARCHIVED = "Archived";

    private ArchiveConditions() {
    }

    public static boolean isArchived(DataRunStatus status) {
        return status != null && Conditions.isTrue(status.conditions, ARCHIVED);
    }

    /** Whether a run may leave the cluster: always without an archive, once archived with one. */
    public static boolean mayBePruned(DataRunStatus status, boolean archiveOn) {
        return !archiveOn || isArchived(status);
    }

    public static void markArchived(DataRunStatus status, Clock clock) {
        status.conditions = Conditions.set(status.conditions, ARCHIVED, true, Reasons.ARCHIVED, "the run is in the archive",
                null, clock);
    }

    public static void markUnavailable(DataRunStatus status, String problem, Clock clock) {
        status.conditions = Conditions.set(status.conditions, ARCHIVED, false, Reasons.ARCHIVE_UNAVAILABLE,
                "the archive could not be written, the run is kept in the cluster and written again later: " + problem, null, clock);
    }
}

package io.raffinerie.model.revision;

import io.raffinerie.api.v1alpha1.DataRevision;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Reasons;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which revision a run executes: the one it pins (spec.revision), or the one that holds the target's current spec.
 * A revision not recorded yet is waited for (RevisionPending, within the run's start grace); a pinned number below
 * the newest that is missing was pruned or never made (RevisionNotFound), and a revision whose content does not
 * hash to its contentHash is refused (RevisionCorrupted).
 */
public final class RunRevisionChoice {
    private RunRevisionChoice() {
    }

    /** Either the revision or the problem that keeps the run from using one. */
    public record Choice(DataRevision revision, Problem problem) {
        public Optional<Problem> problemOpt() {
            return Optional.ofNullable(problem);
        }
    }

    /**
     * @param revisions the target's revisions (their frozen specs may be left out)
     * @param currentHash the content hash of the target's current spec, for a run that pins nothing
     */
    public static Choice choose(String kind, String target, Long pinned, Collection<DataRevision> revisions, String currentHash) {
        if (pinned == null) {
            return Revisions.withHash(revisions, currentHash).map(r -> new Choice(r, null))
                    .orElseGet(() -> new Choice(null, new Problem(Reasons.REVISION_PENDING, "the current spec of " + kind + " "
                            + target + " has no DataRevision yet; the operator records one for every spec change")));
        }
        Optional<DataRevision> found = Revisions.numbered(revisions, pinned);
        if (found.isPresent()) {
            return new Choice(found.get(), null);
        }
        String name = Revisions.name(kind, target, pinned);
        String known = revisions.isEmpty() ? "none" : revisions.stream().map(r -> r.getSpec().revision).sorted()
                .map(String::valueOf).collect(Collectors.joining(", "));
        if (pinned >= Revisions.next(revisions)) {
            return new Choice(null, new Problem(Reasons.REVISION_PENDING, "spec.revision: " + kind + " " + target
                    + " has no revision " + pinned + " (DataRevision " + name + ") yet; its revisions are: " + known));
        }
        return new Choice(null, new Problem(Reasons.REVISION_NOT_FOUND, "spec.revision: " + kind + " " + target
                + " has no revision " + pinned + " (DataRevision " + name + " was pruned or never made); its revisions are: " + known));
    }

    /** A problem when the revision's frozen spec (and jobs) no longer hash to its contentHash. */
    public static Optional<Problem> corrupted(DataRevision revision) {
        String actual = RevisionContent.hash(revision.getSpec().spec, revision.getSpec().jobs);
        if (actual.equals(revision.getSpec().contentHash)) {
            return Optional.empty();
        }
        return Optional.of(new Problem(Reasons.REVISION_CORRUPTED, "DataRevision " + revision.getMetadata().getName()
                + ": its content hashes to " + actual + ", not to its contentHash " + revision.getSpec().contentHash
                + "; it was replaced after the operator wrote it, so it is not run"));
    }
}

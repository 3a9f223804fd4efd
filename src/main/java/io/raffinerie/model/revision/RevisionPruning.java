package io.raffinerie.model.revision;

import io.raffinerie.api.v1alpha1.DataRevision;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.History;
import io.raffinerie.api.v1alpha1.RevisionTarget;
import io.raffinerie.model.run.RunStatuses;
import java.util.Collection;
import java.util.HashSet;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which revisions of a target fall out of its history: all but the newest {@code spec.history.revisions} (default
 * 20), except those in use (the current one, those an unfinished run executes or a kept pipeline revision pins).
 */
public final class RevisionPruning {
    private RevisionPruning() {
    }

    /**
     * The revisions of a target in use: its current one, those its unfinished runs execute or pin, and for a job,
     * those the namespace's pipeline revisions pin.
     */
    public static Set<String> inUse(String kind, String target, Long current, List<DataRun> runs,
            Collection<DataRevision> namespaceRevisions) {
        Set<String> names = new HashSet<>();
        if (current != null) {
            names.add(Revisions.name(kind, target, current));
        }
        for (DataRun run : runs) {
            if (RunStatuses.isFinished(run.getStatus())) {
                continue;
            }
            if (run.getStatus() != null && run.getStatus().revision != null) {
                names.add(Revisions.name(kind, target, run.getStatus().revision));
            }
            if (run.getSpec() != null && run.getSpec().revision != null) {
                names.add(Revisions.name(kind, target, run.getSpec().revision));
            }
        }
        if (RevisionTarget.JOB.equals(kind)) {
            namespaceRevisions.stream().filter(r -> r.getSpec() != null && r.getSpec().jobs != null)
                    .forEach(r -> names.addAll(r.getSpec().jobs.values()));
        }
        return names;
    }

    public static int kept(History history) {
        return history == null || history.revisions == null ? Revisions.DEFAULT_KEPT : history.revisions;
    }

    /** The revisions to delete, oldest first. */
    public static List<DataRevision> toDelete(List<DataRevision> revisions, int kept, Set<String> inUse) {
        List<DataRevision> newestFirst = revisions.stream()
                .sorted(Comparator.comparingLong((DataRevision r) -> r.getSpec().revision).reversed()).toList();
        return newestFirst.stream().skip(kept)
                .filter(r -> !inUse.contains(r.getMetadata().getName()))
                .sorted(Comparator.comparingLong(r -> r.getSpec().revision))
                .toList();
    }
}

package io.raffinerie.model.dashboard;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import io.raffinerie.api.v1alpha1.DataRevision;
import io.raffinerie.model.revision.RevisionContent;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A job's or pipeline's revisions on its dashboard page, and the diff between two of them. */
public final class RevisionViews {
    private static final int CONTEXT_LINES = 3;

    private RevisionViews() {
    }

    /** One revision, as the table shows it. */
    public record RevisionRow(long number, String name, String createdBy, String changeCause, String created, boolean current,
            String shortHash) {
    }

    /** The revisions, newest first, and where the diff form goes ({@code /ns/<ns>/jobs/<name>/diff}). */
    public record RevisionList(String diffPath, List<RevisionRow> rows) {
        public boolean comparable() {
            return rows.size() > 1;
        }
    }

    /** One line of a unified diff: kind is hunk, added, removed or same. */
    public record DiffLine(String kind, String text) {
    }

    public record DiffPage(String namespace, String kind, String target, String targetPath, long from, long to,
            List<DiffLine> lines, boolean identical) {
    }

    public static RevisionList list(String diffPath, List<DataRevision> revisions, Long current) {
        List<RevisionRow> rows = revisions.stream()
                .sorted(Comparator.comparingLong((DataRevision r) -> r.getSpec().revision).reversed())
                .map(r -> new RevisionRow(r.getSpec().revision, r.getMetadata().getName(), r.getSpec().createdBy,
                        r.getSpec().changeCause, r.getMetadata().getCreationTimestamp(), current != null && current == r.getSpec().revision,
                        r.getSpec().contentHash == null ? "" : r.getSpec().contentHash.substring(0, Math.min(19, r.getSpec().contentHash.length()))))
                .toList();
        return new RevisionList(diffPath, rows);
    }

    /**
     * The unified diff of two revisions' frozen specs (normalised, one field a line) and, for pipelines, of the job
     * revisions they pin; empty lines when they are the same.
     */
    public static List<DiffLine> diff(DataRevision from, DataRevision to) {
        List<String> before = content(from);
        List<String> after = content(to);
        Patch<String> patch = DiffUtils.diff(before, after);
        if (patch.getDeltas().isEmpty()) {
            return List.of();
        }
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(from.getMetadata().getName(), to.getMetadata().getName(),
                before, patch, CONTEXT_LINES);
        return unified.stream().map(RevisionViews::line).toList();
    }

    private static List<String> content(DataRevision revision) {
        List<String> lines = new java.util.ArrayList<>(RevisionContent.lines(revision.getSpec().spec));
        Optional.ofNullable(revision.getSpec().jobs).filter(jobs -> !jobs.isEmpty()).ifPresent(jobs -> {
            lines.add("jobs:");
            new java.util.TreeMap<>(jobs).forEach((job, name) -> lines.add("  " + job + ": " + name));
        });
        return lines;
    }

    static DiffLine line(String text) {
        if (text.startsWith("+++") || text.startsWith("---")) {
            return new DiffLine("file", text);
        }
        if (text.startsWith("@@")) {
            return new DiffLine("hunk", text);
        }
        if (text.startsWith("+")) {
            return new DiffLine("added", text);
        }
        if (text.startsWith("-")) {
            return new DiffLine("removed", text);
        }
        return new DiffLine("same", text);
    }
}

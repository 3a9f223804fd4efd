package io.raffinerie.model.promotion;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.raffinerie.model.revision.RevisionContent;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** What a promotion changes in an object: in words ("DataJob clean: script, resources changed"), and as a patch. */
public final class SpecDiff {
    static final int MAX_PATCH_LINES = 400;

    private SpecDiff() {
    }

    /** {@code before} null: the object is new. */
    public static String describe(String kind, String name, JsonNode before, JsonNode after) {
        if (before == null) {
            return kind + " " + name + ": new";
        }
        List<String> changed = changedFields(before, after);
        return kind + " " + name + ": " + (changed.isEmpty() ? "unchanged" : String.join(", ", changed) + " changed");
    }

    /**
     * The unified diff of each write's spec against what the target holds (an object made: all added; removed: all
     * removed), at most {@code MAX_PATCH_LINES} lines in all.
     */
    public static List<String> patch(List<PlannedWrite> writes) {
        List<String> lines = new ArrayList<>();
        for (PlannedWrite write : writes) {
            List<String> before = write.current() == null ? List.of() : RevisionContent.lines(write.current());
            List<String> after = write.desired() == null ? List.of() : RevisionContent.lines(write.desired());
            String file = write.kind() + "/" + write.name();
            lines.addAll(UnifiedDiffUtils.generateUnifiedDiff("a/" + file, "b/" + file, before, DiffUtils.diff(before, after), 3));
        }
        if (lines.size() <= MAX_PATCH_LINES) {
            return lines;
        }
        List<String> kept = new ArrayList<>(lines.subList(0, MAX_PATCH_LINES));
        kept.add("... " + (lines.size() - MAX_PATCH_LINES) + " more lines");
        return kept;
    }

    /** The top-level spec fields that differ, in name order (a field removed counts as changed). */
    public static List<String> changedFields(JsonNode before, JsonNode after) {
        TreeSet<String> fields = new TreeSet<>();
        before.fieldNames().forEachRemaining(fields::add);
        after.fieldNames().forEachRemaining(fields::add);
        List<String> changed = new ArrayList<>();
        for (String field : fields) {
            if (!java.util.Objects.equals(before.get(field), after.get(field))) {
                changed.add(field);
            }
        }
        return changed;
    }
}

package io.raffinerie.model.promotion;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** What a promotion changes in an object, in words: "DataJob clean: script, resources changed". */
public final class SpecDiff {
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

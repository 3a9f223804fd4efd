package io.raffinerie.model.promotion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One object a promotion (or a rollback) writes into the target namespace: the spec it must hold ({@code desired};
 * null: the object must be gone), what it holds now ({@code current}, null when absent) and its revision there.
 */
public record PlannedWrite(String kind, String name, Long sourceRevision, ObjectNode desired, JsonNode current,
        Long currentRevision) {
    /** Whether the target already holds the desired content (both normalised). */
    public boolean applied() {
        return desired == null ? current == null : desired.equals(current);
    }

    public String describe() {
        return desired == null ? kind + " " + name + ": removed" : SpecDiff.describe(kind, name, current, desired);
    }
}

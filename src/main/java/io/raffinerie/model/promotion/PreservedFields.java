package io.raffinerie.model.promotion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raffinerie.api.v1alpha1.PreservedField;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The spec a promotion writes: the source's frozen spec, with the fields the target environment keeps taken from the
 * target's own copy (when it has one). A field the target's copy lacks is left out, so a kept schedule that was
 * absent stays absent.
 */
public final class PreservedFields {
    private PreservedFields() {
    }

    public static ObjectNode apply(JsonNode source, JsonNode target, Set<PreservedField> preserve) {
        ObjectNode desired = source.deepCopy();
        if (target == null || !target.isObject()) {
            return desired;
        }
        if (preserve.contains(PreservedField.schedule)) {
            keep(desired, target, "schedule");
        } else if (preserve.contains(PreservedField.suspend) && desired.get("schedule") instanceof ObjectNode schedule) {
            JsonNode suspend = target.path("schedule").get("suspend");
            if (suspend == null) {
                schedule.remove("suspend");
            } else {
                schedule.set("suspend", suspend.deepCopy());
            }
        }
        if (preserve.contains(PreservedField.resources)) {
            keep(desired, target, "resources");
        }
        if (preserve.contains(PreservedField.variables)) {
            keep(desired, target, "env");
            keepParameterDefaults(desired, target);
        }
        return desired;
    }

    private static void keep(ObjectNode desired, JsonNode target, String field) {
        JsonNode kept = target.get(field);
        if (kept == null) {
            desired.remove(field);
        } else {
            desired.set(field, kept.deepCopy());
        }
    }

    /** A parameter both copies declare keeps the target's default; the others are the source's. */
    private static void keepParameterDefaults(ObjectNode desired, JsonNode target) {
        Map<String, JsonNode> defaults = new HashMap<>();
        target.path("parameters").forEach(p -> defaults.put(p.path("name").asText(), p.get("default")));
        if (!(desired.get("parameters") instanceof ArrayNode parameters)) {
            return;
        }
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asText();
            if (defaults.containsKey(name) && parameter instanceof ObjectNode p) {
                JsonNode kept = defaults.get(name);
                if (kept == null) {
                    p.remove("default");
                } else {
                    p.set("default", kept.deepCopy());
                }
            }
        }
    }
}

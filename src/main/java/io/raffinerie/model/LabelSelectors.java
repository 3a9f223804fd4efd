package io.raffinerie.model;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Label selectors as Kubernetes evaluates them (matchLabels and matchExpressions, all must hold), without a client. */
public final class LabelSelectors {
    private LabelSelectors() {
    }

    /** True when {@code labels} satisfy {@code selector}; an absent or empty selector selects everything. */
    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        Map<String, String> actual = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null && !selector.getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(actual.get(e.getKey())))) {
            return false;
        }
        return selector.getMatchExpressions() == null || selector.getMatchExpressions().stream().allMatch(r -> holds(r, actual));
    }

    private static boolean holds(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        return switch (requirement.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false; // the API server refuses other operators; an unknown one selects nothing
        };
    }

    /** The selector as kubectl writes it, such as {@code tier=analytics,team in (a,b)}; "everything" when empty. */
    public static String describe(LabelSelector selector) {
        List<String> parts = new ArrayList<>();
        if (selector != null && selector.getMatchLabels() != null) {
            new TreeMap<>(selector.getMatchLabels()).forEach((k, v) -> parts.add(k + "=" + v));
        }
        if (selector != null && selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String values = r.getValues() == null ? "" : String.join(",", r.getValues());
                parts.add(switch (r.getOperator()) {
                    case "Exists" -> r.getKey();
                    case "DoesNotExist" -> "!" + r.getKey();
                    default -> r.getKey() + " " + r.getOperator().toLowerCase() + " (" + values + ")";
                });
            }
        }
        return parts.isEmpty() ? "everything" : String.join(",", parts);
    }
}

package io.raffinerie.model;

import io.raffinerie.api.v1alpha1.DataRunSpec;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.Parameter;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.Suggestions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** A run's parameter values: the declared defaults, overridden by the run's values. */
public final class RunParameters {
    private RunParameters() {
    }

    /** The values of every declared parameter, or the problem of an unknown or missing one. */
    public static Resolution resolve(String target, List<Parameter> declared, Map<String, String> given) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Parameter> byName = new LinkedHashMap<>();
        for (Parameter parameter : declared == null ? List.<Parameter>of() : declared) {
            byName.put(parameter.name, parameter);
        }
        Map<String, String> overrides = given == null ? Map.of() : given;
        TreeSet<String> unknown = new TreeSet<>(overrides.keySet());
        unknown.removeAll(byName.keySet());
        if (!unknown.isEmpty()) {
            return new Resolution(Map.of(), Optional.of(new Problem(Reasons.UNKNOWN_PARAMETER, "spec.parameters: " + target
                    + " declares no parameter " + String.join(", ", unknown) + ";"
                    + (unknown.size() == 1 ? Suggestions.didYouMean(unknown.first(), byName.keySet()) : "") + " declared: "
                    + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet())))));
        }
        for (Parameter parameter : byName.values()) {
            String value = overrides.getOrDefault(parameter.name, parameter.defaultValue);
            if (value == null) {
                return new Resolution(Map.of(), Optional.of(new Problem(Reasons.MISSING_PARAMETER,
                        "spec.parameters: " + target + " requires a value for " + parameter.name + ", which has no default")));
            }
            values.put(parameter.name, value);
        }
        return new Resolution(values, Optional.empty());
    }

    /** Resolved values, or a problem. */
    public record Resolution(Map<String, String> values, Optional<Problem> problem) {
    }

    /**
     * The values a retry runs with: the original run's, over which the retry's own override some. A retry created
     * without parameters runs every step as the original did.
     */
    public static Map<String, String> inherit(Map<String, String> original, Map<String, String> overrides) {
        Map<String, String> values = new TreeMap<>(original == null ? Map.of() : original);
        values.putAll(overrides == null ? Map.of() : overrides);
        return values;
    }

    /** The values a run was given: those its status records (a retry's inherited ones), else its spec's. */
    public static Map<String, String> given(DataRunSpec spec, DataRunStatus status) {
        return status != null && status.parameters != null ? status.parameters : spec.parameters;
    }
}

package io.raffinerie.model;

import io.raffinerie.api.v1alpha1.Variable;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Checks shared by environment variables and job env. */
public final class Variables {
    private Variables() {
    }

    /** A problem naming the first variable that is declared twice, or set both ways or neither. */
    public static Optional<Problem> checkUnique(String field, List<Variable> variables) {
        if (variables == null) {
            return Optional.empty();
        }
        Set<String> seen = new HashSet<>();
        for (Variable variable : variables) {
            if (!seen.add(variable.name)) {
                return Optional.of(new Problem(Reasons.INVALID_SPEC, field + ": the variable " + variable.name + " is declared twice"));
            }
            if ((variable.value == null) == (variable.secretKeyRef == null)) {
                return Optional.of(new Problem(Reasons.INVALID_SPEC,
                        field + ": the variable " + variable.name + " needs exactly one of value and secretKeyRef"));
            }
        }
        return Optional.empty();
    }
}

package io.raffinerie.cli;

import io.raffinerie.api.v1alpha1.Parameter;
import io.raffinerie.model.Problem;
import io.raffinerie.model.RunParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code -p K=V} options: parsed, then checked against the parameters the job or pipeline declares. */
public final class ParameterOptions {
    private ParameterOptions() {
    }

    public static Map<String, String> parse(List<String> options) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String option : options == null ? List.<String>of() : options) {
            int equals = option.indexOf('=');
            if (equals <= 0) {
                throw CliException.invalid("-p " + option + ": a parameter is NAME=VALUE, such as -p DAY=2026-11-29");
            }
            String name = option.substring(0, equals);
            if (values.containsKey(name)) {
                throw CliException.invalid("-p " + option + ": parameter " + name + " is given twice; give it once");
            }
            values.put(name, option.substring(equals + 1));
        }
        return values;
    }

    /**
     * Checks the values before the run is created, with the operator's own rules (RunParameters): an unknown parameter
     * names the close declared one, a missing one names itself and how to set it.
     */
    public static void check(String target, List<Parameter> declared, Map<String, String> given) {
        RunParameters.resolve(target, declared, given).problem().map(Problem::message).ifPresent(message -> {
            String text = message.startsWith("spec.parameters: ") ? message.substring("spec.parameters: ".length()) : message;
            throw CliException.invalid(text + "; set parameters with -p NAME=VALUE");
        });
    }
}

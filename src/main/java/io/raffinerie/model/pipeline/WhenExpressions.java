package io.raffinerie.model.pipeline;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import io.raffinerie.api.v1alpha1.StepStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A step's {@code when} as a CEL expression on the upstream steps (docs/results.md): {@code steps} maps each step
 * the step depends on, directly or not, to {@code {phase: "Succeeded", results: {NAME: "VALUE"}}}. Results are
 * strings; {@code int()}, {@code double()} and {@code bool()} convert them. Checked when the pipeline is
 * reconciled, evaluated when the step's dependencies have succeeded.
 */
public final class WhenExpressions {
    public static final String VARIABLE = "steps";
    private static final Cel CEL = CelFactory.standardCelBuilder()
            .addVar(VARIABLE, MapType.create(SimpleType.STRING, MapType.create(SimpleType.STRING, SimpleType.DYN)))
            .setResultType(SimpleType.BOOL)
            .build();
    /** steps.NAME.results.RESULT or steps['NAME'].results.RESULT, and any steps.NAME or steps['NAME']. */
    private static final Pattern RESULT = Pattern.compile(
            "\\bsteps\\s*(?:\\.\\s*([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*['\"]([^'\"]*)['\"]\\s*])(?:\\s*\\.\\s*results\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*))?");

    private WhenExpressions() {
    }

    /**
     * What is wrong with an expression, or empty: it must compile to a bool and name only steps of {@code upstream}
     * (step name to the results its job declares, for the steps this one depends on directly or not).
     */
    public static Optional<String> check(String expression, Map<String, List<String>> upstream) {
        try {
            CelAbstractSyntaxTree ast = CEL.compile(expression).getAst();
            if (!SimpleType.BOOL.equals(ast.getResultType())) {
                // dyn: a result or field used as it is, which is a string (or a map) when the step runs, never a bool.
                return Optional.of("is not a valid CEL expression of type bool: it gives " + ast.getResultType().name()
                        + "; results are strings, so compare them (== '0') or convert them (int(), double(), bool())");
            }
        } catch (CelValidationException e) {
            return Optional.of("is not a valid CEL expression of type bool: " + e.getMessage().strip());
        }
        Matcher m = RESULT.matcher(expression);
        while (m.find()) {
            String step = m.group(1) != null ? m.group(1) : m.group(2);
            if (!upstream.containsKey(step)) {
                return Optional.of("names step \"" + step + "\", which is not a step this one depends on"
                        + (upstream.isEmpty() ? " (it depends on none)" : "; it may name " + String.join(", ", upstream.keySet()))
                        + " (write steps['name'] for a name with a '-')");
            }
            String result = m.group(3);
            if (result != null && !upstream.get(step).contains(result)) {
                return Optional.of("names result \"" + result + "\" of step " + step + ", whose DataJob declares "
                        + (upstream.get(step).isEmpty() ? "no results" : "only " + String.join(", ", upstream.get(step))));
            }
        }
        return Optional.empty();
    }

    /** The expression's value, or why it has none (an unknown key, a result that is no number...). */
    public static Evaluation evaluate(String expression, Map<String, StepStatus> upstream) {
        Map<String, Object> steps = new LinkedHashMap<>();
        upstream.forEach((name, status) -> steps.put(name, Map.of("phase", status.phase == null ? "" : status.phase.name(),
                "results", status.results == null ? Map.of() : status.results)));
        try {
            CelAbstractSyntaxTree ast = CEL.compile(expression).getAst();
            Object value = CEL.createProgram(ast).eval(Map.of(VARIABLE, steps));
            return value instanceof Boolean b ? new Evaluation(b, null) : new Evaluation(false, "gave " + value + ", not a bool");
        } catch (CelValidationException e) {
            return new Evaluation(false, "is not a valid CEL expression of type bool: " + e.getMessage().strip());
        } catch (CelEvaluationException e) {
            return new Evaluation(false, "could not be evaluated: " + e.getMessage().strip());
        }
    }

    /** The upstream steps an expression may name, with the results their jobs declare. */
    public static Map<String, List<String>> upstream(PipelineGraph graph, String step, Function<String, List<String>> declared) {
        Map<String, List<String>> upstream = new LinkedHashMap<>();
        graph.ancestorsOf(step).forEach(name -> upstream.put(name, declared.apply(name)));
        return upstream;
    }

    /** An expression's value, or an error ({@code error} non-null, {@code value} false). */
    public record Evaluation(boolean value, String error) {
    }
}

package io.raffinerie.model.pipeline;

import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataPipelineSpec;
import io.raffinerie.api.v1alpha1.PipelineStep;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Reasons;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What steps pass downstream (docs/results.md): a step's {@code inputs} (environment variables from results of
 * upstream steps) and {@code when} expressions, checked against the graph and the results the jobs declare, and the
 * inputs' values once the upstream steps ended.
 */
public final class StepInputs {
    private static final Pattern REFERENCE = Pattern.compile("steps\\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.results\\.([A-Za-z_][A-Za-z0-9_]*)");

    private StepInputs() {
    }

    /** A reference {@code steps.STEP.results.RESULT}, read. */
    public record Reference(String step, String result) {
        public static Optional<Reference> parse(String text) {
            Matcher m = REFERENCE.matcher(text == null ? "" : text.strip());
            return m.matches() ? Optional.of(new Reference(m.group(1), m.group(3))) : Optional.empty();
        }
    }

    /**
     * The first input or when expression that names a step that is not upstream of its step or a result the job does
     * not declare, or a when that is neither a name nor a CEL expression of type bool. {@code jobs} gives a job's
     * spec by name, or null for a job that does not exist (reported elsewhere).
     */
    public static Optional<Problem> check(DataPipelineSpec spec, Function<String, DataJobSpec> jobs) {
        PipelineGraph.Result result = PipelineGraph.of(spec == null ? null : spec.steps);
        if (!result.isValid()) {
            return Optional.empty();
        }
        PipelineGraph graph = result.graph();
        Function<String, List<String>> declared = step -> declaredResults(jobs.apply(graph.step(step).jobRef));
        for (PipelineStep step : spec.steps) {
            Map<String, List<String>> upstream = WhenExpressions.upstream(graph, step.name, declared);
            for (Map.Entry<String, String> input : step.inputs == null ? Map.<String, String>of().entrySet() : step.inputs.entrySet()) {
                Optional<String> problem = inputProblem(input.getValue(), upstream, graph);
                if (problem.isPresent()) {
                    return Optional.of(new Problem(Reasons.INVALID_INPUT, "step " + step.name + ": input " + input.getKey()
                            + " (" + input.getValue() + ") " + problem.get()));
                }
            }
            if (StepConditions.isExpression(step.when)) {
                Optional<String> problem = WhenExpressions.check(step.when, upstream);
                if (problem.isPresent()) {
                    return Optional.of(new Problem(Reasons.INVALID_CONDITION, "step " + step.name + ": when \"" + step.when
                            + "\" " + problem.get()));
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> inputProblem(String text, Map<String, List<String>> upstream, PipelineGraph graph) {
        Optional<Reference> reference = Reference.parse(text);
        if (reference.isEmpty()) {
            return Optional.of("is not of the form steps.STEP.results.RESULT");
        }
        String step = reference.get().step();
        if (graph.step(step) == null) {
            return Optional.of("names step \"" + step + "\", which is not a step of this pipeline");
        }
        if (!upstream.containsKey(step)) {
            return Optional.of("names step \"" + step + "\", which is not upstream of it: add it to dependsOn (directly or"
                    + " through another step)");
        }
        if (!upstream.get(step).contains(reference.get().result())) {
            return Optional.of("names result \"" + reference.get().result() + "\", which DataJob " + graph.step(step).jobRef
                    + " of step " + step + " does not declare" + (upstream.get(step).isEmpty() ? " (it declares no results)"
                            : " (it declares " + String.join(", ", upstream.get(step)) + ")"));
        }
        return Optional.empty();
    }

    /** The names of the results a job declares. */
    public static List<String> declaredResults(DataJobSpec job) {
        return job == null || job.results == null ? List.of() : job.results.stream().map(r -> r.name).toList();
    }

    /** A step's inputs as environment variables: the results of the upstream steps that succeeded. */
    public static Map<String, String> values(PipelineStep step, Map<String, StepStatus> steps) {
        Map<String, String> values = new LinkedHashMap<>();
        if (step.inputs == null) {
            return values;
        }
        step.inputs.forEach((name, text) -> Reference.parse(text).ifPresent(reference -> {
            StepStatus upstream = steps.get(reference.step());
            if (upstream != null && upstream.phase == StepPhase.Succeeded && upstream.results != null
                    && upstream.results.containsKey(reference.result())) {
                values.put(name, upstream.results.get(reference.result()));
            }
        }));
        return values;
    }
}

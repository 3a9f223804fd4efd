package io.raffinerie.model.pipeline;

import io.raffinerie.api.v1alpha1.PipelineStep;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.Reasons;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A step's when expression, tested once its dependencies succeeded: the step skipped, failed, or empty to run it. */
final class WhenTest {
    private WhenTest() {
    }

    /** {@code decided}: the steps decided so far, every ancestor of {@code step} among them. */
    static Optional<StepStatus> test(PipelineStep step, PipelineGraph graph, Map<String, StepStatus> decided) {
        Map<String, StepStatus> upstream = new LinkedHashMap<>();
        graph.ancestorsOf(step.name).forEach(name -> upstream.put(name, decided.get(name)));
        WhenExpressions.Evaluation evaluation = WhenExpressions.evaluate(step.when, upstream);
        if (evaluation.value()) {
            return Optional.empty();
        }
        StepStatus status = new StepStatus();
        status.name = step.name;
        if (evaluation.error() != null) {
            status.phase = StepPhase.Failed;
            status.reason = Reasons.CONDITION_FAILED;
            status.message = "when \"" + step.when + "\" " + evaluation.error();
        } else {
            status.phase = StepPhase.Skipped;
            status.reason = Reasons.CONDITION_NOT_MET;
            status.message = "when \"" + step.when + "\" is false";
        }
        return Optional.of(status);
    }
}

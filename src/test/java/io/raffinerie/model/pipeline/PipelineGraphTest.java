package io.raffinerie.model.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.PipelineStep;
import io.raffinerie.model.Fixtures;
import io.raffinerie.model.Reasons;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PipelineGraphTest {
    private static List<PipelineStep> steps(String fixture) {
        return Fixtures.load("pipelines/" + fixture, DataPipeline.class).getSpec().steps;
    }

    @Test
    void diamondIsValidWithItsDependenciesAndDependents() {
        PipelineGraph graph = PipelineGraph.of(steps("diamond.yaml")).graph();

        assertThat(graph.dependenciesOf("load")).containsExactly("clean", "enrich");
        assertThat(graph.dependentsOf("extract")).containsExactly("clean", "enrich");
        assertThat(graph.topologicalOrder()).containsExactly("extract", "clean", "enrich", "load", "page");
    }

    @Test
    void topologicalOrderPutsDependenciesFirstAndKeepsDeclaredOrderOtherwise() {
        PipelineGraph graph = PipelineGraph.of(steps("declared-out-of-order.yaml")).graph();

        List<String> order = graph.topologicalOrder();
        assertThat(order).containsExactlyInAnyOrder("report", "load", "audit", "extract");
        assertThat(order.indexOf("extract")).isLessThan(order.indexOf("load"));
        assertThat(order.indexOf("load")).isLessThan(order.indexOf("report"));
        assertThat(order.indexOf("audit")).isLessThan(order.indexOf("extract"));
    }

    @Test
    void cycleIsReportedWithItsStepsInOrder() {
        PipelineGraph.Result result = PipelineGraph.of(steps("cycle.yaml"));

        assertThat(result.isValid()).isFalse();
        assertThat(result.problem().reason()).isEqualTo(Reasons.CYCLE_DETECTED);
        assertThat(result.problem().message()).endsWith("the steps form a cycle: a -> b -> c -> a");
    }

    @Test
    void selfDependencyIsACycle() {
        List<PipelineStep> steps = new ArrayList<>(steps("diamond.yaml"));
        steps.get(1).dependsOn = List.of("clean");

        assertThat(PipelineGraph.of(steps).problem()).satisfies(p -> {
            assertThat(p.reason()).isEqualTo(Reasons.CYCLE_DETECTED);
            assertThat(p.message()).isEqualTo(
                    "spec.steps[1] (clean): a step cannot depend on itself: remove \"clean\" from its dependsOn");
        });
    }

    @Test
    void duplicateStepIsNamed() {
        List<PipelineStep> steps = new ArrayList<>(steps("diamond.yaml"));
        steps.get(2).name = "clean";

        assertThat(PipelineGraph.of(steps).problem().message())
                .isEqualTo("spec.steps[1] (clean): the step name \"clean\" is used more than once; step names must be unique");
    }

    @Test
    void unknownDependencyIsNamed() {
        List<PipelineStep> steps = new ArrayList<>(steps("diamond.yaml"));
        steps.get(3).dependsOn = List.of("clean", "enrich", "transform");

        assertThat(PipelineGraph.of(steps).problem()).satisfies(p -> {
            assertThat(p.reason()).isEqualTo(Reasons.INVALID_SPEC);
            assertThat(p.message()).isEqualTo("spec.steps[3] (load): dependsOn \"transform\" is not a step of this pipeline; "
                    + "steps are: [\"extract\", \"clean\", \"enrich\", \"load\", \"page\"]");
        });
    }

    @Test
    void missingJobNamesTheStepAndTheJob() {
        PipelineGraph graph = PipelineGraph.of(steps("diamond.yaml")).graph();

        assertThat(graph.findMissingJob(Set.of("extract-orders", "clean-orders", "enrich-customers", "page-oncall"), "sales-dev"))
                .hasValueSatisfying(p -> {
                    assertThat(p.reason()).isEqualTo(Reasons.JOB_NOT_FOUND);
                    assertThat(p.message()).isEqualTo(
                            "step \"load\" runs DataJob \"load-warehouse\", which does not exist in namespace sales-dev");
                });
        assertThat(graph.findMissingJob(Set.of("extract-orders", "clean-orders", "enrich-customers", "load-warehouse",
                "page-oncall"), "sales-dev")).isEmpty();
    }

    @Test
    void emptyPipelineIsInvalid() {
        assertThat(PipelineGraph.of(List.of()).isValid()).isFalse();
    }
}

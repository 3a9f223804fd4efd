package io.raffinerie.model.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhenExpressionsTest {
    private static final Map<String, List<String>> UPSTREAM = Map.of("extract", List.of("rows", "day"), "load-all", List.of());

    @Test
    void acceptsAnExpressionOnDeclaredResults() {
        assertThat(WhenExpressions.check("int(steps.extract.results.rows) > 0 && steps.extract.results.day != ''", UPSTREAM)).isEmpty();
        assertThat(WhenExpressions.check("steps['load-all'].phase == 'Succeeded'", UPSTREAM)).isEmpty();
    }

    @Test
    void refusesWhatDoesNotCompileOrIsNoBool() {
        assertThat(WhenExpressions.check("steps.extract.results.rows >", UPSTREAM)).get().asString()
                .startsWith("is not a valid CEL expression of type bool");
        assertThat(WhenExpressions.check("int(steps.extract.results.rows)", UPSTREAM)).get().asString()
                .startsWith("is not a valid CEL expression of type bool");
        assertThat(WhenExpressions.check("steps.extract.results.rows", UPSTREAM)).get().asString()
                .isEqualTo("is not a valid CEL expression of type bool: it gives dyn; results are strings, so compare them"
                        + " (== '0') or convert them (int(), double(), bool())");
        assertThat(WhenExpressions.check("rows > 0", UPSTREAM)).get().asString().contains("undeclared reference to 'rows'");
    }

    @Test
    void refusesAStepNotUpstreamAndAnUndeclaredResult() {
        assertThat(WhenExpressions.check("int(steps.clean.results.rows) > 0", UPSTREAM)).get().asString()
                .startsWith("names step \"clean\", which is not a step this one depends on");
        assertThat(WhenExpressions.check("steps.extract.results.lines == '0'", UPSTREAM))
                .hasValue("names result \"lines\" of step extract, whose DataJob declares only rows, day");
        assertThat(WhenExpressions.check("steps['load-all'].results.x == '0'", UPSTREAM))
                .hasValue("names result \"x\" of step load-all, whose DataJob declares no results");
    }

    @Test
    void comparesNumbersOnceConverted() {
        assertThat(evaluate("int(steps.extract.results.rows) > 0", "12")).isEqualTo(new WhenExpressions.Evaluation(true, null));
        assertThat(evaluate("int(steps.extract.results.rows) > 0", "0")).isEqualTo(new WhenExpressions.Evaluation(false, null));
        assertThat(evaluate("double(steps.extract.results.rows) >= 0.5", "0.75").value()).isTrue();
        assertThat(evaluate("steps.extract.results.rows == '0'", "0").value()).isTrue();
        assertThat(evaluate("steps.extract.phase == 'Succeeded'", "0").value()).isTrue();
    }

    @Test
    void aStringComparedToANumberOrNoNumberIsAnError() {
        WhenExpressions.Evaluation compared = evaluate("steps.extract.results.rows > 0", "12");
        assertThat(compared.value()).isFalse();
        assertThat(compared.error()).startsWith("could not be evaluated");
        assertThat(evaluate("int(steps.extract.results.rows) > 0", "twelve").error()).startsWith("could not be evaluated");
        assertThat(evaluate("int(steps.extract.results.lines) > 0", "1").error()).contains("lines");
    }

    private static WhenExpressions.Evaluation evaluate(String expression, String rows) {
        StepStatus extract = new StepStatus();
        extract.name = "extract";
        extract.phase = StepPhase.Succeeded;
        extract.results = Map.of("rows", rows);
        return WhenExpressions.evaluate(expression, Map.of("extract", extract));
    }
}

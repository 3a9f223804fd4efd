package io.raffinerie.e2e.operator;

import static io.raffinerie.e2e.harness.Raffinerie.status;
import static io.raffinerie.e2e.harness.Raffinerie.steps;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.Raffinerie;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Step results on KWOK (docs/results.md): the pods' termination messages come from raffinerie.io/sim-termination-message,
 * and the downstream step's log from raffinerie.io/sim-log, which prints the variable its input became.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultsIT {
    static final String NS = "e2e-results";

    final Cluster cluster = Cluster.get();
    final Raffinerie raffinerie = new Raffinerie(cluster);

    @BeforeAll
    void environment() {
        Operator.shared();
        raffinerie.environment(NS, null);
        raffinerie.job(NS, "load", "bash", """
                script: echo "loading $ROWS rows"
                podMetadata:
                  annotations: {raffinerie.io/sim-log: "loading $(ROWS) rows"}
                """);
        raffinerie.job(NS, "archive", "bash", "script: echo archived");
    }

    @AfterAll
    void cleanUp() {
        raffinerie.deleteEnvironment(NS);
    }

    private void counter(String name, String message) {
        raffinerie.job(NS, name, "bash", """
                script: 'echo "rows=$(wc -l < /tmp/orders.csv)" > "$RAFFINERIE_RESULTS"'
                results: [{name: rows, description: the number of orders}]
                podMetadata:
                  annotations: {raffinerie.io/sim-termination-message: "%s"}
                """.formatted(message));
    }

    @Test
    void theCountReachesTheNextStepAndItsWhenSkipsAnother() {
        counter("count", "rows=3\\n");
        raffinerie.pipeline(NS, "orders", """
                - {name: count, jobRef: count}
                - {name: load, jobRef: load, dependsOn: [count], inputs: {ROWS: steps.count.results.rows},
                   when: "int(steps.count.results.rows) > 0"}
                - {name: archive, jobRef: archive, dependsOn: [count], when: "int(steps.count.results.rows) == 0"}
                """, null);
        raffinerie.run(NS, "orders-1", "pipelineRef", "orders", null);

        GenericKubernetesResource run = raffinerie.awaitPhase(NS, "orders-1", "Succeeded");
        assertThat(steps(run)).extracting(s -> s.get("name") + "=" + s.get("phase"))
                .containsExactly("count=Succeeded", "load=Succeeded", "archive=Skipped");
        assertThat(step(run, "count").get("results")).isEqualTo(Map.of("rows", "3"));
        assertThat((String) step(run, "load").get("logTail")).isEqualTo("loading 3 rows\n");
        assertThat(step(run, "archive").get("message")).isEqualTo("when \"int(steps.count.results.rows) == 0\" is false");
        String env = cluster.kubectl("-n", NS, "get", "job", "orders-1-count", "-o",
                "jsonpath={.spec.template.spec.containers[0].env[?(@.name=='RAFFINERIE_RESULTS')].value}").assertOk().stdout();
        assertThat(env).isEqualTo("/dev/termination-log");
    }

    @Test
    void anUndeclaredResultFailsTheStepWithItsReason() {
        counter("miscount", "lines=3");
        raffinerie.run(NS, "miscount-1", "jobRef", "miscount", null);

        GenericKubernetesResource run = raffinerie.awaitPhase(NS, "miscount-1", "Failed");
        Map<String, Object> step = steps(run).get(0);
        assertThat(step.get("reason")).isEqualTo("ResultsInvalid");
        assertThat(step.get("message")).isEqualTo("the step wrote result \"lines\", which its DataJob does not declare (it declares rows)");
        assertThat(status(run).get("message")).asString().contains("lines");
    }

    @Test
    void aReferenceToAResultNotDeclaredIsReportedOnThePipeline() {
        counter("count-2", "rows=1");
        raffinerie.apply("""
                apiVersion: raffinerie.io/v1alpha1
                kind: DataPipeline
                metadata: {name: misread, namespace: %s}
                spec:
                  steps:
                    - {name: count, jobRef: count-2}
                    - {name: load, jobRef: load, dependsOn: [count], inputs: {ROWS: steps.count.results.lines}}
                """.formatted(NS));
        GenericKubernetesResource pipeline = raffinerie.await("DataPipeline", NS, "misread", p -> "False".equals(Raffinerie.readyStatus(p)));
        @SuppressWarnings("unchecked")
        Map<String, Object> ready = ((List<Map<String, Object>>) status(pipeline).get("conditions")).stream()
                .filter(c -> "Ready".equals(c.get("type"))).findFirst().orElseThrow();
        assertThat(ready.get("reason")).isEqualTo("InvalidInput");
        assertThat(ready.get("message")).isEqualTo("step load: input ROWS (steps.count.results.lines) names result \"lines\", which"
                + " DataJob count-2 of step count does not declare (it declares rows)");
    }

    private static Map<String, Object> step(GenericKubernetesResource run, String name) {
        return steps(run).stream().filter(s -> name.equals(s.get("name"))).findFirst().orElseThrow();
    }
}

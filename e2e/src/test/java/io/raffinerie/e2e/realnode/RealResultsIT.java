package io.raffinerie.e2e.realnode;

import static io.raffinerie.e2e.harness.Raffinerie.steps;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.Raffinerie;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Step results on the real node (docs/results.md): a python step counts the rows of a file it generates and writes the
 * count to $RAFFINERIE_RESULTS (its termination message, read by the kubelet); the next step gets it as a variable
 * and prints it; a third step is skipped by a when on the count. Skipped without a real node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealResultsIT {
    static final String NS = "e2e-real-results";

    final Cluster cluster = Cluster.get();
    final Raffinerie raffinerie = new Raffinerie(cluster);
    boolean real;

    @BeforeAll
    void anEnvironmentPinnedToTheRealNode() {
        RealNode.assume(cluster);
        real = true;
        Operator.shared();
        raffinerie.environment(NS, RealNode.SCHEDULING);
    }

    @AfterAll
    void cleanUp() {
        if (real) {
            raffinerie.deleteEnvironment(NS);
        }
    }

    @Test
    void aCountWrittenByPythonReachesTheNextStepAndSkipsAThird() {
        raffinerie.job(NS, "count", "python", """
                image: raffinerie.local/python:3.13
                script: |
                  import os
                  with open("/tmp/orders.csv", "w") as f:
                      for i in range(int(os.environ["ORDERS"])):
                          f.write("order-%d,%d\\n" % (i, i * 10))
                  with open("/tmp/orders.csv") as f:
                      rows = sum(1 for _ in f)
                  print("counted", rows, "rows")
                  with open(os.environ["RAFFINERIE_RESULTS"], "w") as out:
                      out.write("rows=%d\\nfile=orders.csv\\n" % rows)
                parameters: [{name: ORDERS, default: "40"}]
                results: [{name: rows, description: rows of the file}, {name: file}]
                """);
        raffinerie.job(NS, "load", "bash", """
                image: raffinerie.local/bash:5.2
                script: echo "loading $ROWS rows of $FILE"
                """);
        raffinerie.job(NS, "alert-empty", "bash", """
                image: raffinerie.local/bash:5.2
                script: echo "no orders today"
                """);
        raffinerie.pipeline(NS, "orders", """
                - {name: count, jobRef: count}
                - {name: load, jobRef: load, dependsOn: [count], when: "int(steps.count.results.rows) > 0",
                   inputs: {ROWS: steps.count.results.rows, FILE: steps.count.results.file}}
                - {name: alert-empty, jobRef: alert-empty, dependsOn: [count], when: "int(steps.count.results.rows) == 0"}
                """, "parameters: [{name: ORDERS, default: \"40\"}]");
        raffinerie.run(NS, "orders-1", "pipelineRef", "orders", null);

        GenericKubernetesResource run = raffinerie.awaitFinished(NS, "orders-1", Duration.ofMinutes(3));
        assertThat(steps(run)).extracting(s -> s.get("name") + "=" + s.get("phase"))
                .containsExactly("count=Succeeded", "load=Succeeded", "alert-empty=Skipped");
        assertThat(step(run, "count").get("results")).isEqualTo(Map.of("rows", "40", "file", "orders.csv"));
        assertThat((String) step(run, "count").get("logTail")).isEqualTo("counted 40 rows\n");
        assertThat((String) step(run, "load").get("logTail")).isEqualTo("loading 40 rows of orders.csv\n");
        assertThat(step(run, "alert-empty").get("reason")).isEqualTo("ConditionNotMet");

        // The same pipeline with no orders: the count is 0, load is skipped and alert-empty runs.
        raffinerie.run(NS, "orders-0", "pipelineRef", "orders", "parameters: {ORDERS: \"0\"}");
        GenericKubernetesResource empty = raffinerie.awaitFinished(NS, "orders-0", Duration.ofMinutes(3));
        assertThat(steps(empty)).extracting(s -> s.get("name") + "=" + s.get("phase"))
                .containsExactly("count=Succeeded", "load=Skipped", "alert-empty=Succeeded");
        assertThat((String) step(empty, "alert-empty").get("logTail")).isEqualTo("no orders today\n");
    }

    private static Map<String, Object> step(GenericKubernetesResource run, String name) {
        return steps(run).stream().filter(s -> name.equals(s.get("name"))).findFirst().orElseThrow();
    }
}

package io.raffinerie.e2e.realnode;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.raffinerie.e2e.harness.Cluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** The e2e cluster's real node (e2e/cluster/up.sh with RAFFINERIE_REAL_NODE=1): finding it, and landing on it. */
final class RealNode {
    static final String LABEL = "raffinerie.io/node";
    static final String VALUE = "real";
    static final Map<String, String> SELECTOR = Map.of(LABEL, VALUE);
    /** DataEnvironment.spec.scheduling that lands an environment's pods on the real node, as YAML below spec. */
    static final String SCHEDULING = """
            scheduling:
              nodeSelector: {raffinerie.io/node: real}
              tolerations: [{key: raffinerie.io/real-node, operator: Equal, value: "true", effect: NoSchedule}]
            """;

    private RealNode() {
    }

    /** The real node's taint, tolerated. */
    static Toleration toleration() {
        return new TolerationBuilder().withKey("raffinerie.io/real-node").withOperator("Equal").withValue("true")
                .withEffect("NoSchedule").build();
    }

    /** The real node; the test is skipped on a cluster without one. */
    static Node assume(Cluster cluster) {
        List<Node> real = cluster.client().nodes().withLabel(LABEL, VALUE).list().getItems();
        Assumptions.assumeFalse(real.isEmpty(), "no real node on this cluster: run it with `make e2e-real`");
        return real.get(0);
    }
}

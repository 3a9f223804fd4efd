package io.raffinerie.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeList;
import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.E2eExtension;
import io.raffinerie.e2e.harness.ExecResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(E2eExtension.class)
class NodesIT {

    @Test
    void kubectlListsAtLeastTwoReadyKwokNodes(Cluster cluster) {
        ExecResult result = cluster.kubectl("get", "nodes", "-o", "json").assertOk();
        List<Node> nodes = cluster.client().getKubernetesSerialization().unmarshal(result.stdout(), NodeList.class).getItems();

        List<Node> kwokNodes = nodes.stream()
                .filter(node -> "fake".equals(node.getMetadata().getAnnotations().get("kwok.x-k8s.io/node")))
                .toList();
        assertThat(kwokNodes).as("KWOK nodes in %s", result.stdout()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(kwokNodes).allSatisfy(node -> assertThat(node.getStatus().getConditions())
                .as("conditions of node %s", node.getMetadata().getName())
                .anySatisfy(condition -> {
                    assertThat(condition.getType()).isEqualTo("Ready");
                    assertThat(condition.getStatus()).isEqualTo("True");
                }));

        ExecResult table = cluster.kubectl("get", "nodes").assertOk();
        for (Node node : kwokNodes) {
            assertThat(table.stdout()).containsPattern("(?m)^" + node.getMetadata().getName() + "\\s+Ready\\s");
        }
    }
}

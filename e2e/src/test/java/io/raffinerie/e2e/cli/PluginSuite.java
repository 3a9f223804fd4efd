package io.raffinerie.e2e.cli;

import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.Raffinerie;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A suite of the plugin's: the operator (shared), an environment of its own, deleted after, and the plugin in it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PluginSuite {
    final Cluster cluster = Cluster.get();
    final Raffinerie raffinerie = new Raffinerie(cluster);
    final String namespace;
    Plugin plugin;

    PluginSuite(String namespace) {
        this.namespace = namespace;
    }

    @BeforeAll
    void startEnvironment() {
        Operator.shared();
        raffinerie.environment(namespace, null);
        plugin = new Plugin(cluster, namespace);
    }

    @AfterAll
    void deleteEnvironment() {
        raffinerie.deleteEnvironment(namespace);
    }
}

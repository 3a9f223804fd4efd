package io.raffinerie.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.Raffinerie;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** What every scenario shares: the cluster, a client for bulk work, the operator process and the report. */
final class BenchContext implements AutoCloseable {
    /** The operator's HTTP port: RAFFINERIE_E2E_OPERATOR_PORT when set (a cluster of one's own), else 18190. */
    static final int OPERATOR_PORT = Integer.parseInt(System.getenv().getOrDefault("RAFFINERIE_E2E_OPERATOR_PORT", "18190"));
    /** The other engines' ports (metrics, probes, profiling): RAFFINERIE_E2E_PORT_BASE (default 18090) + 20 + n. */
    static final int ENGINE_PORT_BASE = Integer.parseInt(System.getenv().getOrDefault("RAFFINERIE_E2E_PORT_BASE", "18090")) + 20;

    final BenchScale scale;
    final Cluster cluster;
    final Raffinerie raffinerie;
    /** Many requests in flight (fabric8's default is 5 per host), and patient: the API server is slow here. */
    final KubernetesClient client;
    final BenchReport report;
    /** Every engine's figures, side by side (scenarios 1, 3 and 7). */
    final EngineComparison engines = new EngineComparison();
    Operator operator;

    BenchContext(BenchScale scale, Cluster cluster, BenchReport report) {
        this.scale = scale;
        this.cluster = cluster;
        this.raffinerie = new Raffinerie(cluster);
        this.report = report;
        Config config = new ConfigBuilder(Config.fromKubeconfig(cluster.kubeconfig().toFile()))
                .withMaxConcurrentRequestsPerHost(64).withMaxConcurrentRequests(256)
                .withRequestTimeout(60_000).withUserAgent(AuditLog.BENCH_AGENT).build();
        this.client = new KubernetesClientBuilder().withConfig(config).build();
    }

    /** Starts a fresh operator process with these extra environment variables (none: its defaults). */
    Operator startOperator(Map<String, String> env) {
        stopOperator();
        operator = Operator.separate(cluster, OPERATOR_PORT, cluster.kubeconfig(), env);
        operator.start();
        return operator;
    }

    void stopOperator() {
        if (operator != null) {
            operator.stop();
            operator = null;
        }
    }

    /** An object (raffinerie.io, or another engine's) from YAML, created with the bulk client. */
    void create(String yaml) {
        // "---" first: fabric8 would read a document starting with '{' as JSON.
        GenericKubernetesResource resource = Serialization.unmarshal("---\n" + yaml, GenericKubernetesResource.class);
        client.genericKubernetesResources(resource.getApiVersion(), resource.getKind())
                .inNamespace(resource.getMetadata().getNamespace()).resource(resource).create();
    }

    long count(String kind, String namespace) {
        return list(kind, namespace).size();
    }

    List<GenericKubernetesResource> list(String kind, String namespace) {
        var resources = client.genericKubernetesResources(Raffinerie.API_VERSION, kind);
        return (namespace == null ? resources.inAnyNamespace().list() : resources.inNamespace(namespace).list()).getItems();
    }

    static void await(String what, Duration timeout, Duration poll, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
            }
            BulkCreator.sleep(poll.toMillis());
        }
    }

    /** The API server's audit log: only the local cluster's is known. */
    AuditLog audit() {
        return new AuditLog(cluster.auditLog().orElseThrow(() -> new IllegalStateException(
                "no audit log: writes by user agent are counted on the local KWOK cluster (e2e/cluster/up.sh) only")));
    }

    int enginePort(int n) {
        return ENGINE_PORT_BASE + n;
    }

    Path benchDir() {
        return cluster.e2eDir().resolve("bench");
    }

    static void log(String message) {
        System.out.printf("[bench %tT] %s%n", System.currentTimeMillis(), message);
    }

    @Override
    public void close() {
        stopOperator();
        client.close();
    }
}

package io.raffinerie.e2e.realnode;

import static io.raffinerie.e2e.harness.Raffinerie.status;
import static io.raffinerie.e2e.harness.Raffinerie.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.Raffinerie;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The environments' NetworkPolicies, enforced on the real node (kube-router's firewall, see e2e/cluster/README.md):
 * a probe job of environment {@value #OWN} opens TCP connections to a pod of another environment, a pod of its own,
 * a declared egress {@code cidr:port} (a listener of this test on the node's address) and an undeclared port, and
 * resolves a Service name. Then both environments say {@code isolation: None}, and the same probe reaches everything,
 * so the first half can fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealNetworkIT {
    static final String OWN = "e2e-net-own";
    static final String OTHER = "e2e-net-other";
    static final int LISTENER_PORT = 8080;
    static final Duration REAL = Duration.ofMinutes(3);
    /**
     * Connects to each NAME=HOST:PORT of TARGETS (3 s each) and prints "NAME open" or "NAME closed", then resolves the
     * API server's Service name. The first second lets the policy enforcer see the new pod, as any enforcer needs.
     */
    static final String PROBE = """
            import os, socket, time
            time.sleep(1)
            for target in os.environ["TARGETS"].split():
                name, address = target.split("=")
                host, port = address.rsplit(":", 1)
                try:
                    socket.create_connection((host, int(port)), timeout=3).close()
                    print(name, "open")
                except OSError:
                    print(name, "closed")
            print("dns", socket.gethostbyname("kubernetes.default.svc.cluster.local"))
            """;

    final Cluster cluster = Cluster.get();
    final Raffinerie raffinerie = new Raffinerie(cluster);
    String nodeAddress;
    ServerSocket declared;
    ServerSocket undeclared;
    String targets;
    int runs;

    @BeforeAll
    void twoStrictEnvironmentsOnTheRealNodeWithAListenerEach() throws IOException {
        nodeAddress = RealNode.assume(cluster).getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
                .findFirst().orElseThrow().getAddress();
        declared = listen();
        undeclared = listen();
        Operator.shared();
        raffinerie.environment(OTHER, RealNode.SCHEDULING + "network: {isolation: Strict}\n");
        raffinerie.environment(OWN, RealNode.SCHEDULING + """
                network:
                  isolation: Strict
                  egress: [{cidr: %s/32, ports: [%d]}]
                """.formatted(nodeAddress, declared.getLocalPort()));
        String other = listenerPod(OTHER);
        String own = listenerPod(OWN);
        targets = "other=%s:%d own=%s:%d declared=%s:%d undeclared=%s:%d".formatted(other, LISTENER_PORT, own,
                LISTENER_PORT, nodeAddress, declared.getLocalPort(), nodeAddress, undeclared.getLocalPort());
        raffinerie.job(OWN, "probe", "python", """
                image: raffinerie.local/python:3.13
                parameters: [{name: TARGETS}]
                script: |
                %s""".formatted(PROBE.indent(2)));
    }

    @AfterAll
    void cleanUp() throws IOException {
        if (nodeAddress == null) {
            return;
        }
        raffinerie.deleteEnvironment(OWN);
        raffinerie.deleteEnvironment(OTHER);
        declared.close();
        undeclared.close();
    }

    @Test
    @Order(1)
    void strictReachesItsOwnEnvironmentItsDeclaredEgressAndDnsOnly() {
        assertThat(probe()).isEqualTo("""
                other closed
                own open
                declared open
                undeclared closed
                dns %s
                """.formatted(apiServerServiceAddress()));
    }

    @Test
    @Order(2)
    void noneReachesEverything() {
        for (String environment : List.of(OWN, OTHER)) {
            cluster.kubectl("patch", "dataenvironment", environment, "--type=merge", "-p",
                    "{\"spec\":{\"network\":{\"isolation\":\"None\"}}}").assertOk();
            await("no NetworkPolicy left in " + environment).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> cluster.client().network().v1().networkPolicies().inNamespace(environment).list()
                            .getItems().isEmpty());
        }
        assertThat(probe()).isEqualTo("""
                other open
                own open
                declared open
                undeclared open
                dns %s
                """.formatted(apiServerServiceAddress()));
    }

    /** Runs the probe job in {@value #OWN} on the real node and returns what it printed. */
    private String probe() {
        String name = "probe-" + ++runs;
        raffinerie.run(OWN, name, "jobRef", "probe", "parameters: {TARGETS: \"" + targets + "\"}");
        GenericKubernetesResource run = raffinerie.awaitFinished(OWN, name, REAL);
        Map<String, Object> step = steps(run).get(0);
        assertThat(status(run).get("phase")).as(String.valueOf(step)).isEqualTo("Succeeded");
        return (String) step.get("logTail");
    }

    private String apiServerServiceAddress() {
        return cluster.client().services().inNamespace("default").withName("kubernetes").get().getSpec().getClusterIP();
    }

    /**
     * A listener on the node's address: the egress target outside the cluster. It never accepts: the kernel's backlog
     * completes the handshake, which is all the probe checks.
     */
    private ServerSocket listen() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(nodeAddress), 0));
        return socket;
    }

    /** An HTTP server pod (Pod Security restricted) on the real node in {@code namespace}; returns its address. */
    private String listenerPod(String namespace) {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName("listener").withNamespace(namespace).endMetadata()
                .withNewSpec()
                .withNodeSelector(RealNode.SELECTOR)
                .withTolerations(RealNode.toleration())
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(1000L)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .addNewContainer().withName("http").withImage("raffinerie.local/python:3.13")
                .withImagePullPolicy("IfNotPresent")
                .withCommand("python3", "-m", "http.server", String.valueOf(LISTENER_PORT))
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                .addNewPort().withContainerPort(LISTENER_PORT).endPort()
                .withNewReadinessProbe().withNewTcpSocket().withNewPort(LISTENER_PORT).endTcpSocket()
                .withPeriodSeconds(1).endReadinessProbe()
                .endContainer()
                .endSpec().build();
        cluster.client().resource(pod).create();
        Pod ready = await("listener in " + namespace + " ready").atMost(REAL).pollInterval(Duration.ofMillis(250))
                .until(() -> cluster.client().pods().inNamespace(namespace).withName("listener").get(),
                        p -> p.getStatus().getConditions().stream()
                                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
        return ready.getStatus().getPodIP();
    }
}

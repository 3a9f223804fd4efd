package io.raffinerie.it;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real kube-apiserver and etcd for the integration tests, started offline from the binaries that
 * e2e/tools/build.sh built (see the Makefile's kube-api-test target), with the committed CRDs installed. The
 * operator under test finds it through the kubeconfig system property, as any fabric8 client would.
 */
public class KubeApiServerResource implements QuarkusTestResourceLifecycleManager {
    private static KubeAPIServer server;

    @Override
    public Map<String, String> start() {
        server = startServer();
        try {
            Path kubeconfig = Files.createTempFile("raffinerie-it-", ".kubeconfig");
            Files.writeString(kubeconfig, server.getKubeConfigYaml());
            System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfig.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (KubernetesClient client = client()) {
            installCrds(client);
            installEnvironmentRoles(client);
            installCatalog(client);
        }
        return Map.of("quarkus.kubernetes-client.devservices.enabled", "false");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** A kube-apiserver from the local binaries; never downloads. */
    public static KubeAPIServer startServer() {
        KubeAPIServer started = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(testDir())
                .withApiServerVersion(version())
                .withOfflineMode(true)
                .withUpdateKubeConfig(false)
                .withStartupTimeout(120_000)
                .build());
        started.start();
        return started;
    }

    private static String testDir() {
        return System.getenv().getOrDefault("KUBE_API_TEST_DIR", System.getProperty("user.home") + "/.kubeapitest");
    }

    private static String version() {
        return System.getProperty("kube.version", "1.36.3");
    }

    /** The kubectl beside the server's binaries. */
    static Path kubectl() {
        return Path.of(testDir(), "k8s", version() + "-linux-amd64", "kubectl");
    }

    public static KubernetesClient client() {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(server.getKubeConfigYaml())).build();
    }

    /** The three ClusterRoles environments bind, as the install manifests ship them. */
    static void installEnvironmentRoles(KubernetesClient client) {
        try {
            client.load(Files.newInputStream(Path.of("operator", "environment-roles.yaml"))).serverSideApply();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The technology catalog the chart ships (operator/technologies.yaml), its lifecycle warning policy, and the
     * promotion identity policy (who requests and who approves are the API server's facts).
     */
    static void installCatalog(KubernetesClient client) {
        try {
            client.load(Files.newInputStream(Path.of("operator", "technologies.yaml"))).serverSideApply();
            client.load(Files.newInputStream(Path.of("operator", "technology-lifecycle-policy.yaml"))).serverSideApply();
            client.load(Files.newInputStream(Path.of("operator", "promotion-identity-policy.yaml"))).serverSideApply();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void installCrds(KubernetesClient client) {
        for (Path file : CrdFiles.committed()) {
            try {
                CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                        .load(Files.newInputStream(file)).item();
                client.resource(crd).serverSideApply();
                client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                        .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions() != null && c.getStatus().getConditions().stream()
                                .anyMatch(cond -> "Established".equals(cond.getType()) && "True".equals(cond.getStatus())),
                                60, TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

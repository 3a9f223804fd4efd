package io.raffinerie.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * An operator started before one of its rights exists (GitOps applies the Deployment and the RBAC in any order, an
 * API server drops a connection mid-list): it does not stop. The readiness probe is down and names what cannot watch,
 * the informer retries with backoff, and once the right is granted the operator is ready without a restart.
 */
@QuarkusTest
@ClusterIT
@TestProfile(MissingRightAtStartupIT.WithoutPodRights.class)
class MissingRightAtStartupIT {
    static final String IDENTITY = "operator-without-pod-rights";

    public static class WithoutPodRights implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The informer that cannot list is waited for this long before the rest starts without it (2 min by default).
            return Map.of("quarkus.operator-sdk.cache-sync-timeout", "5s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OperatorIdentityWithoutPods.class));
        }
    }

    @Test
    void theOperatorWaitsForAMissingRightAndIsReadyOnceGranted() {
        Response before = given().get("/q/health/ready");
        assertThat(before.statusCode()).as("not ready while pods cannot be listed").isEqualTo(503);
        assertThat(before.jsonPath().getString("checks[0].data.datarun")).as("the probe names what cannot watch")
                .isEqualTo("unhealthy: run-pods");
        assertThat(before.jsonPath().getString("checks[0].data.datajob")).as("the other controllers started").isEqualTo("OK");

        try (KubernetesClient admin = KubeApiServerResource.client()) {
            admin.resource(new ClusterRoleBuilder().withNewMetadata().withName(IDENTITY + "-pods").endMetadata()
                    .withRules(new PolicyRuleBuilder().withApiGroups("").withResources("pods").withVerbs("*").build()).build())
                    .serverSideApply();
            admin.resource(binding(IDENTITY + "-pods")).serverSideApply();
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(given().get("/q/health/ready").statusCode()).as("ready once pods may be listed").isEqualTo(200));
    }

    static io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding binding(String role) {
        return new ClusterRoleBindingBuilder().withNewMetadata().withName(role).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(role).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withNamespace("default").withName(IDENTITY).endSubject()
                .build();
    }

    /**
     * The operator runs as a ServiceAccount that may do anything on every resource the API server serves except pods,
     * through a kubeconfig with its token only (a client certificate would authenticate first).
     */
    public static class OperatorIdentityWithoutPods implements QuarkusTestResourceLifecycleManager {
        private String previous;

        @Override
        public int order() {
            return 1; // after KubeApiServerResource, whose server this uses
        }

        @Override
        public Map<String, String> start() {
            try (KubernetesClient admin = KubeApiServerResource.client()) {
                admin.resource(new NamespaceBuilder().withNewMetadata().withName("raffinerie-system").endMetadata().build()).serverSideApply();
                admin.resource(new ServiceAccountBuilder().withNewMetadata().withName(IDENTITY).withNamespace("default").endMetadata()
                        .build()).serverSideApply();
                admin.resource(new ClusterRoleBuilder().withNewMetadata().withName(IDENTITY).endMetadata()
                        .withRules(new PolicyRuleBuilder().withApiGroups("*").withResources(List.copyOf(allResourcesButPods(admin)))
                                .withVerbs("*").build()).build()).serverSideApply();
                admin.resource(binding(IDENTITY)).serverSideApply();
                String token = admin.serviceAccounts().inNamespace("default").withName(IDENTITY)
                        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                        .getStatus().getToken();
                Config config = admin.getConfiguration();
                Path kubeconfig = Files.createTempFile("raffinerie-no-pods-", ".kubeconfig");
                Files.writeString(kubeconfig, """
                        apiVersion: v1
                        kind: Config
                        clusters: [{name: it, cluster: {server: "%s", certificate-authority-data: "%s"}}]
                        users: [{name: it, user: {token: "%s"}}]
                        contexts: [{name: it, context: {cluster: it, user: it}}]
                        current-context: it
                        """.formatted(config.getMasterUrl(), certificateAuthority(config), token));
                previous = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
                System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfig.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of();
        }

        @Override
        public void stop() {
            if (previous != null) {
                System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, previous);
            }
        }

        private static String certificateAuthority(Config config) throws IOException {
            return config.getCaCertData() != null ? config.getCaCertData()
                    : java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(config.getCaCertFile())));
        }

        /** Every resource and subresource name in discovery, pods excepted. */
        private static TreeSet<String> allResourcesButPods(KubernetesClient admin) {
            TreeSet<String> names = new TreeSet<>();
            admin.getApiResources("v1").getResources().stream().map(APIResource::getName).forEach(names::add);
            admin.getApiGroups().getGroups().forEach(group -> group.getVersions().forEach(version ->
                    admin.getApiResources(version.getGroupVersion()).getResources().stream().map(APIResource::getName).forEach(names::add)));
            names.remove("pods");
            return names;
        }
    }
}

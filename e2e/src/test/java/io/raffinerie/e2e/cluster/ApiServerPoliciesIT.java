package io.raffinerie.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.E2eExtension;
import io.raffinerie.e2e.harness.ExecResult;
import io.raffinerie.e2e.harness.Sim;
import io.raffinerie.e2e.harness.TestNamespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The API server enforces what production clusters enforce: Pod Security admission and RBAC; it writes an audit log. */
@ExtendWith(E2eExtension.class)
class ApiServerPoliciesIT {

    /**
     * The Spark pod policy as shipped, bound to a ConfigMap that does not exist: it refuses pods in environments'
     * namespaces only (no Spark image is known), never anywhere else, whoever creates them.
     */
    @Test
    void theSparkPodPolicyWithoutItsConfigMapNeverRefusesPodsOutsideEnvironments(TestNamespace ns) throws IOException {
        KubernetesClient client = ns.client();
        List<io.fabric8.kubernetes.api.model.HasMetadata> shipped;
        try (var in = Files.newInputStream(Cluster.get().e2eDir().getParent().resolve("operator/spark-pod-policy.yaml"))) {
            shipped = client.load(in).items();
        }
        String probe = "spark-pods-probe-" + UUID.randomUUID().toString().substring(0, 8);
        String environment = probe + "-env";
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(environment)
                .addToLabels("raffinerie.io/environment", "probe").endMetadata().build()).create();
        try {
            // The file ships more than one policy: only the pod policy and its binding, renamed, so that the others
            // (the Spark NetworkPolicy's) do not overwrite them under the probe's name.
            var podPolicy = shipped.stream().filter(o -> "raffinerie-spark-pods".equals(o.getMetadata().getName())).toList();
            assertThat(podPolicy).extracting(HasMetadata::getKind)
                    .containsExactly("ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");
            for (var object : podPolicy) {
                var json = new ObjectMapper().valueToTree(object);
                ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("metadata")).put("name", probe);
                if (json.path("spec").has("paramRef")) {
                    ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("spec")).put("policyName", probe);
                    ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("spec").get("paramRef")).put("name", probe + "-missing");
                }
                client.resource(new ObjectMapper().writeValueAsString(json)).serverSideApply();
            }
            Pod pod = new PodBuilder().withNewMetadata().withName("plain").endMetadata().withSpec(Sim.restrictedPodSpec("Never")).build();
            // A dry run goes through admission but stores nothing: while the new policy is not yet in force, an
            // attempt that is admitted leaves no pod behind to make the next attempt fail with AlreadyExists.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThatThrownBy(() -> client.resource(pod)
                    .inNamespace(environment).dryRun().create()).hasMessageContaining(probe).hasMessageContaining("no params found"));
            assertThat(client.resource(pod).inNamespace(ns.name()).create().getMetadata().getUid())
                    .as("a pod outside environments is admitted").isNotBlank();
        } finally {
            client.resource(new ObjectMapper().writeValueAsString(java.util.Map.of("apiVersion", "admissionregistration.k8s.io/v1",
                    "kind", "ValidatingAdmissionPolicyBinding", "metadata", java.util.Map.of("name", probe)))).delete();
            client.resource(new ObjectMapper().writeValueAsString(java.util.Map.of("apiVersion", "admissionregistration.k8s.io/v1",
                    "kind", "ValidatingAdmissionPolicy", "metadata", java.util.Map.of("name", probe)))).delete();
            client.namespaces().withName(environment).delete();
        }
    }

    @Test
    void privilegedPodIsRejectedInARestrictedNamespace(TestNamespace ns) {
        assertThat(ns.client().namespaces().withName(ns.name()).get().getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");

        Pod privileged = new PodBuilder()
                .withNewMetadata().withName("privileged").endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withContainers(new ContainerBuilder()
                        .withName("main")
                        .withImage(Sim.IMAGE)
                        .withNewSecurityContext().withPrivileged(true).endSecurityContext()
                        .build())
                .endSpec()
                .build();
        assertThatThrownBy(() -> ns.client().resource(privileged).inNamespace(ns.name()).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    assertThat(e.getMessage())
                            .contains("violates PodSecurity \"restricted:latest\"")
                            .contains("privileged");
                });
        assertThat(ns.client().pods().inNamespace(ns.name()).withName("privileged").get()).isNull();

        // The same namespace admits a pod that follows the restricted profile.
        Pod compliant = new PodBuilder()
                .withNewMetadata().withName("compliant").endMetadata()
                .withSpec(Sim.restrictedPodSpec("Never"))
                .build();
        assertThat(ns.client().resource(compliant).inNamespace(ns.name()).create().getMetadata().getUid()).isNotBlank();
    }

    @Test
    void serviceAccountWithoutBindingsIsForbidden(TestNamespace ns, Cluster cluster) {
        ns.client().resource(new ServiceAccountBuilder().withNewMetadata().withName("nobody").endMetadata().build())
                .inNamespace(ns.name()).create();
        String token = ns.kubectl("create", "token", "nobody", "--duration=10m").assertOk().stdout().strip();
        assertThat(token).isNotEmpty();

        // Only the token: no client certificate, so the API server authenticates the ServiceAccount.
        Config admin = cluster.client().getConfiguration();
        Config asNobody = new ConfigBuilder(Config.empty())
                .withMasterUrl(admin.getMasterUrl())
                .withCaCertFile(admin.getCaCertFile())
                .withCaCertData(admin.getCaCertData())
                .withTrustCerts(admin.isTrustCerts())
                .withOauthToken(token)
                .build();
        try (KubernetesClient nobody = new KubernetesClientBuilder().withConfig(asNobody).build()) {
            assertThatThrownBy(() -> nobody.pods().inNamespace(ns.name()).list())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(403);
                        assertThat(e.getMessage())
                                .contains("system:serviceaccount:" + ns.name() + ":nobody")
                                .contains("cannot list resource \"pods\"");
                    });
        }

        ExecResult canI = ns.kubectl("auth", "can-i", "list", "pods", "--as=system:serviceaccount:" + ns.name() + ":nobody");
        assertThat(canI.exitCode()).as(canI.describe()).isEqualTo(1);
        assertThat(canI.stdout().strip()).isEqualTo("no");
        assertThat(ns.kubectl("auth", "can-i", "list", "pods").stdout().strip()).isEqualTo("yes");
    }

    @Test
    void auditLogRecordsWritesButNotReads(TestNamespace ns, Cluster cluster) {
        Assumptions.assumeTrue(cluster.auditLog().isPresent(), "the audit log is only known for the local cluster");
        Path auditLog = cluster.auditLog().orElseThrow();
        String name = "audit-probe-" + UUID.randomUUID().toString().substring(0, 8);

        ns.client().resource(new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
                .addToData("k", "v").build()).inNamespace(ns.name()).create();
        ns.client().configMaps().inNamespace(ns.name()).withName(name).get();
        ns.client().configMaps().inNamespace(ns.name()).withName(name).delete();

        List<JsonNode> events = await("audit events of configmap " + name).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> auditEvents(auditLog, ns.name(), name),
                        found -> found.stream().anyMatch(e -> "delete".equals(e.path("verb").asText())));

        assertThat(events).extracting(e -> e.path("verb").asText()).containsExactly("create", "delete");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.path("level").asText()).isEqualTo("Metadata");
            assertThat(event.path("stage").asText()).isEqualTo("ResponseComplete");
            assertThat(event.path("objectRef").path("resource").asText()).isEqualTo("configmaps");
            assertThat(event.has("requestObject")).as("Metadata level: no request body").isFalse();
            assertThat(event.path("user").path("username").asText()).isNotBlank();
        });
    }

    private static List<JsonNode> auditEvents(Path auditLog, String namespace, String name) {
        ObjectMapper mapper = new ObjectMapper();
        try (Stream<String> lines = Files.lines(auditLog)) {
            return lines.filter(line -> line.contains(name))
                    .map(line -> {
                        try {
                            return mapper.readTree(line);
                        } catch (IOException e) {
                            return null; // a line being written
                        }
                    })
                    .filter(event -> event != null
                            && namespace.equals(event.path("objectRef").path("namespace").asText())
                            && name.equals(event.path("objectRef").path("name").asText()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

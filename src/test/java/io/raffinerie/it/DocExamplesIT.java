package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every complete resource the documentation shows (DocExamples: README.md and docs/*.md) is applied server-side,
 * with dryRun=All, to a real API server with the CRDs, the environment roles, the catalog and the project's
 * ValidatingAdmissionPolicies installed, so schema, CEL and policies all judge it. A failure names the file, the
 * block's line and the server's message. A block marked {@code <!-- invalid: MESSAGE -->} must be refused instead, with
 * that message. On the same server, `kubectl explain` prints a description for every field it lists.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DocExamplesIT {
    private static final List<String> POLICIES = List.of("secret-reference-policy.yaml", "spark-pod-policy.yaml");
    private static final String DEFAULT_NAMESPACE = "default";

    private KubeAPIServer server;
    private KubernetesClient client;

    @BeforeAll
    void apiServerWithWhatTheProjectInstalls() throws IOException {
        server = KubeApiServerResource.startServer();
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(server.getKubeConfigYaml())).build();
        KubeApiServerResource.installCrds(client);
        KubeApiServerResource.installEnvironmentRoles(client);
        KubeApiServerResource.installCatalog(client);
        for (String policy : POLICIES) {
            client.load(Files.newInputStream(Path.of("operator", policy))).serverSideApply();
        }
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    /** Every kind, its spec and status, and the fields whose schema comes from a Kubernetes type's described twin. */
    @ParameterizedTest
    @MethodSource("explained")
    void kubectlExplainDescribesEveryField(String path) {
        await(path).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            String output = kubectl("explain", path);
            assertThat(output).as("kubectl explain " + path).contains("DESCRIPTION:").contains("FIELDS:")
                    .doesNotContain("<no description>").doesNotContain("<empty>");
        });
    }

    static List<String> explained() {
        List<String> paths = new ArrayList<>();
        for (String kind : List.of("dataenvironment", "datajob", "datapipeline", "datarun", "datatechnology")) {
            paths.addAll(List.of(kind, kind + ".spec", kind + ".status", kind + ".status.conditions"));
        }
        paths.addAll(List.of("datajob.spec.resources", "datajob.spec.resources.claims", "datajob.spec.schedule",
                "dataenvironment.spec.scheduling.tolerations", "datatechnology.spec.environments.matchExpressions",
                "datapipeline.spec.steps", "datarun.status.steps"));
        return paths;
    }

    /** The kubectl kube-api-test runs with, against this server; its output and errors. */
    private String kubectl(String... args) throws IOException, InterruptedException {
        Path kubeconfig = Files.createTempFile("doc-examples", ".kubeconfig");
        try {
            Files.writeString(kubeconfig, server.getKubeConfigYaml());
            List<String> command = new ArrayList<>(List.of(KubeApiServerResource.kubectl().toString(), "--kubeconfig=" + kubeconfig));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return output;
        } finally {
            Files.deleteIfExists(kubeconfig);
        }
    }

    static List<DocExamples.Block> blocks() {
        return DocExamples.all();
    }

    @Test
    void theDocumentationShowsExamplesOfEveryKind() {
        List<String> kinds = blocks().stream().flatMap(b -> b.resources().stream()).map(GenericKubernetesResource::getKind)
                .distinct().toList();
        assertThat(kinds).contains("DataEnvironment", "DataJob", "DataPipeline", "DataRun", "DataTechnology");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void exampleIsWhatTheApiServerSaysItIs(DocExamples.Block block) {
        List<String> refusals = new ArrayList<>();
        for (GenericKubernetesResource resource : block.resources()) {
            String refusal = dryRun(resource);
            if (refusal != null) {
                refusals.add(resource.getKind() + " " + name(resource) + ": " + refusal);
            }
        }
        if (block.invalid()) {
            assertThat(refusals).as("%s is marked invalid, but the API server accepts it", block).isNotEmpty();
            assertThat(String.join("\n", refusals)).as("%s: the API server's refusal", block).contains(block.expected());
        } else if (!refusals.isEmpty()) {
            fail(block + ": the API server refuses the example:\n  " + String.join("\n  ", refusals));
        }
    }

    /** The server's message when it refuses the resource, null when it accepts it; nothing is stored. */
    private String dryRun(GenericKubernetesResource resource) {
        boolean namespaced = !List.of("DataEnvironment", "DataTechnology", "Namespace").contains(resource.getKind());
        if (namespaced) {
            String namespace = resource.getMetadata().getNamespace() == null ? DEFAULT_NAMESPACE : resource.getMetadata().getNamespace();
            resource.getMetadata().setNamespace(namespace);
            ensureNamespace(namespace);
        }
        try {
            if (resource.getMetadata().getName() == null) {
                client.resource(resource).dryRun().create();
            } else {
                client.resource(resource).dryRun().serverSideApply();
            }
            return null;
        } catch (KubernetesClientException e) {
            return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        }
    }

    private void ensureNamespace(String namespace) {
        if (client.namespaces().withName(namespace).get() == null) {
            client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).serverSideApply();
        }
    }

    private static String name(GenericKubernetesResource resource) {
        return resource.getMetadata().getName() != null ? resource.getMetadata().getName() : resource.getMetadata().getGenerateName() + "*";
    }
}

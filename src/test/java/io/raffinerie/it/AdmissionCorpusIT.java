package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.Parameter;
import io.raffinerie.api.v1alpha1.ResultDeclaration;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataTechnology;
import io.raffinerie.api.v1alpha1.Status;
import io.raffinerie.api.v1alpha1.TechnologyLaunch;
import io.raffinerie.api.v1alpha1.TechnologyLifecycle;
import io.raffinerie.model.job.ShippedCatalog;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest of the invalid corpus (src/test/resources/invalid) is refused by the real API server with the
 * message its header names, or, where only the operator can tell, reconciled to Ready=False with that reason.
 */
@QuarkusTest
@ClusterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdmissionCorpusIT {
    private static final Path CORPUS = Path.of("src/test/resources/invalid");
    private static final String REJECTED = "# expect-rejected: ";
    private static final String CONDITION = "# expect-condition: ";

    @Inject
    KubernetesClient client;

    private List<DataTechnology> catalogEntries = List.of();

    @BeforeAll
    void environmentWithAKnownJob() {
        Resources.readyEnvironment(client, "corpus");
        Resources.createNamespace(client, "corpus-outside");
        DataJob job = bashJob("known-job", "echo $DAY");
        job.getSpec().parameters = List.of(new Parameter("DAY", "today"));
        client.resource(job).serverSideApply();
        DataJob counting = bashJob("counting-job", "echo rows=3 > $RAFFINERIE_RESULTS");
        counting.getSpec().results = List.of(new ResultDeclaration("rows"));
        client.resource(counting).serverSideApply();
        // The catalog entries the corpus's jobs are checked against, besides the shipped ones.
        DataTechnology legacy = ShippedCatalog.technology("warehouse-legacy", TechnologyLaunch.Command, "2=registry.example.com/loader:2.0",
                "1=registry.example.com/loader:1.4");
        legacy.getSpec().versions.get(1).lifecycle = TechnologyLifecycle.Disabled;
        legacy.getSpec().versions.get(1).message = "version 1 reads the old warehouse; use 2";
        DataTechnology analytics = ShippedCatalog.technology("corpus-analytics", TechnologyLaunch.Command, "1=registry.example.com/analyse:1.0");
        analytics.getSpec().environments = ShippedCatalog.selector("tier", "analytics");
        catalogEntries = List.of(client.resource(legacy).serverSideApply(), client.resource(analytics).serverSideApply());
    }

    private static DataJob bashJob(String name, String script) {
        DataJob job = new DataJob();
        job.getMetadata().setName(name);
        job.getMetadata().setNamespace("corpus");
        job.setSpec(new DataJobSpec());
        job.getSpec().technology = "bash";
        job.getSpec().script = script;
        return job;
    }

    @AfterAll
    void removeTheCorpusCatalogEntries() {
        catalogEntries.forEach(t -> client.resource(t).delete());
    }

    static Stream<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @Test
    void corpusIsLargeEnoughAndCoversBothWays() throws IOException {
        List<String> headers = corpus().map(AdmissionCorpusIT::header).toList();
        assertThat(headers).hasSizeGreaterThanOrEqualTo(30);
        assertThat(headers).anyMatch(h -> h.startsWith(REJECTED)).anyMatch(h -> h.startsWith(CONDITION));
        // A reason alone is not enough: each expected condition names the message that tells the user what to fix.
        assertThat(headers).filteredOn(h -> h.startsWith(CONDITION))
                .allSatisfy(h -> assertThat(h.substring(CONDITION.length())).matches("[A-Z][A-Za-z]+: \\S.{10,}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void manifestIsRefusedOrReportedWithItsExpectedMessage(Path file) throws IOException {
        String header = header(file);
        if (header.startsWith(REJECTED)) {
            // Untyped: many of these manifests do not even fit the Java classes.
            GenericKubernetesResource manifest = Serialization.unmarshal(Files.newInputStream(file), GenericKubernetesResource.class);
            String expected = header.substring(REJECTED.length());
            assertThatThrownBy(() -> client.resource(manifest).create())
                    .isInstanceOf(KubernetesClientException.class)
                    .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
                    .hasMessageContaining(expected);
        } else {
            assertThat(header).startsWith(CONDITION);
            String[] expected = header.substring(CONDITION.length()).split(": ", 2);
            GenericKubernetesResource untyped = Serialization.unmarshal(Files.newInputStream(file), GenericKubernetesResource.class);
            Class<? extends CustomResource<?, ? extends Status>> type = CrdFiles.kindNamed(untyped.getKind());
            CustomResource<?, ? extends Status> created = client.resource(Serialization.unmarshal(Files.newInputStream(file), type)).create();
            Condition ready = Resources.awaitReady(client, created);
            assertThat(ready.getStatus()).isEqualTo("False");
            assertThat(ready.getReason()).isEqualTo(expected[0]);
            assertThat(ready.getMessage()).contains(expected[1]);
        }
    }

    private static String header(Path file) {
        try {
            return Files.readAllLines(file).get(0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

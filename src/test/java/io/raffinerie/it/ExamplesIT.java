package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.Status;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every file in examples/ is accepted by the API server, and everything in it becomes Ready. */
@QuarkusTest
@ClusterIT
class ExamplesIT {
    @Inject
    KubernetesClient client;

    @Test
    void examplesAreAcceptedAndBecomeReady() throws IOException {
        List<CustomResource<?, ? extends Status>> applied = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of("examples"))) {
            files = listing.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        for (Path file : files) {
            String kind = Serialization.unmarshal(Files.newInputStream(file), GenericKubernetesResource.class).getKind();
            CustomResource<?, ? extends Status> resource = Serialization.unmarshal(Files.newInputStream(file), CrdFiles.kindNamed(kind));
            applied.add(client.resource(resource).serverSideApply());
            if (kind.equals("DataEnvironment")) {
                Condition ready = Resources.awaitReady(client, resource);
                assertThat(ready.getStatus()).as(ready.getMessage()).isEqualTo("True");
            }
        }
        for (CustomResource<?, ? extends Status> resource : applied) {
            Condition ready = Resources.awaitReady(client, resource);
            assertThat(ready.getStatus()).as(Resources.describe(resource) + ": " + ready.getMessage()).isEqualTo("True");
        }
        Namespace namespace = client.namespaces().withName("sales-dev").get();
        assertThat(namespace.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    }
}

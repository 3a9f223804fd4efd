package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.api.v1alpha1.DeletionPolicy;
import io.raffinerie.model.environment.EnvironmentModel;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The environment's namespace: created, adopted, refused when someone else's, and its fate on deletion. */
@QuarkusTest
@ClusterIT
class EnvironmentNamespaceIT {
    @Inject
    KubernetesClient client;

    private DataEnvironment apply(String name, String namespace, DeletionPolicy policy) {
        DataEnvironment environment = new DataEnvironment();
        environment.getMetadata().setName(name);
        environment.setSpec(new DataEnvironmentSpec());
        environment.getSpec().namespace = namespace;
        environment.getSpec().deletionPolicy = policy;
        return client.resource(environment).serverSideApply();
    }

    @Test
    void createsARestrictedNamespaceAndReportsIt() {
        DataEnvironment environment = apply("env-create", "env-create-ns", null);

        Condition ready = Resources.awaitReady(client, environment);
        assertThat(ready.getStatus()).isEqualTo("True");
        assertThat(ready.getReason()).isEqualTo("Provisioned");
        assertThat(client.resource(environment).get().getStatus().namespace).isEqualTo("env-create-ns");
        assertThat(client.namespaces().withName("env-create-ns").get().getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
                .containsEntry(EnvironmentModel.ENVIRONMENT_LABEL, "env-create");
    }

    @Test
    void someoneElsesNamespaceIsAConflictAndStaysUntouched() {
        client.resource(new NamespaceBuilder().withNewMetadata().withName("env-taken").withLabels(Map.of("team", "other"))
                .endMetadata().build()).create();

        Condition ready = Resources.awaitReady(client, apply("env-thief", "env-taken", null));

        assertThat(ready.getStatus()).isEqualTo("False");
        assertThat(ready.getReason()).isEqualTo("NamespaceConflict");
        assertThat(ready.getMessage()).contains("env-taken").contains("belongs to no environment");
        assertThat(client.namespaces().withName("env-taken").get().getMetadata().getLabels()).isEqualTo(Map.of("team", "other",
                "kubernetes.io/metadata.name", "env-taken"));
    }

    @Test
    void labelledNamespaceIsAdopted() {
        client.resource(new NamespaceBuilder().withNewMetadata().withName("env-adopt-ns")
                .withLabels(Map.of(EnvironmentModel.ENVIRONMENT_LABEL, "env-adopt")).endMetadata().build()).create();

        DataEnvironment environment = apply("env-adopt", "env-adopt-ns", DeletionPolicy.Delete);
        assertThat(Resources.awaitReady(client, environment).getStatus()).isEqualTo("True");

        client.resource(environment).delete();
        await().atMost(Resources.TIMEOUT).until(() -> client.resource(environment).get() == null);
        Namespace namespace = client.namespaces().withName("env-adopt-ns").get();
        assertThat(namespace.getMetadata().getDeletionTimestamp()).as("adopted namespaces are never deleted").isNull();
    }

    @Test
    void deletionPolicyDeleteRemovesTheNamespaceItCreatedAndRetainKeepsIt() {
        DataEnvironment deleted = apply("env-delete", "env-delete-ns", DeletionPolicy.Delete);
        DataEnvironment retained = apply("env-retain", "env-retain-ns", DeletionPolicy.Retain);
        Resources.awaitReady(client, deleted);
        Resources.awaitReady(client, retained);

        client.resource(deleted).delete();
        client.resource(retained).delete();

        await().atMost(Resources.TIMEOUT).until(() -> client.resource(deleted).get() == null && client.resource(retained).get() == null);
        Namespace gone = client.namespaces().withName("env-delete-ns").get();
        assertThat(gone == null || gone.getMetadata().getDeletionTimestamp() != null).as("env-delete-ns is being deleted").isTrue();
        assertThat(client.namespaces().withName("env-retain-ns").get().getMetadata().getDeletionTimestamp()).isNull();
    }
}

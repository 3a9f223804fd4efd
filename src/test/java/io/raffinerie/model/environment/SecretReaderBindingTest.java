package io.raffinerie.model.environment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretReaderBindingTest {
    private static DataEnvironment environment(String name, String namespace) {
        DataEnvironment environment = new DataEnvironment();
        environment.getMetadata().setName(name);
        environment.setSpec(new DataEnvironmentSpec());
        environment.getSpec().namespace = namespace;
        return environment;
    }

    @Test
    void bindsTheSecretReaderRoleToTheOperatorsServiceAccountInTheEnvironmentsNamespace() {
        RoleBinding binding = SecretReaderBinding.desired(environment("sales-dev", "sales"),
                new SecretReaderBinding.OperatorAccount("raffinerie-system", "raffinerie-operator"));

        assertThat(binding.getMetadata().getName()).isEqualTo("raffinerie-secret-reader");
        assertThat(binding.getMetadata().getNamespace()).isEqualTo("sales");
        assertThat(binding.getMetadata().getLabels()).containsEntry(EnvironmentModel.ENVIRONMENT_LABEL, "sales-dev")
                .containsEntry(EnvironmentModel.MANAGED_BY_LABEL, EnvironmentModel.MANAGED_BY);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getApiGroup()).isEqualTo("rbac.authorization.k8s.io");
        assertThat(binding.getRoleRef().getName()).isEqualTo("raffinerie-secret-reader");
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo("raffinerie-operator");
            assertThat(subject.getNamespace()).isEqualTo("raffinerie-system");
        });
        assertThat(EnvironmentObjects.isAccessBinding(binding)).as("not one of the access entries' bindings").isFalse();
    }

    @Test
    void theSameEnvironmentGivesTheSameBinding() {
        var operator = new SecretReaderBinding.OperatorAccount("ops", "op");
        assertThat(SecretReaderBinding.desired(environment("a", null), operator))
                .isEqualTo(SecretReaderBinding.desired(environment("a", null), operator));
        assertThat(SecretReaderBinding.desired(environment("a", null), operator).getMetadata().getNamespace()).isEqualTo("a");
    }

    @Test
    void anOperatorThatIsNoServiceAccountIsBoundToNothing() {
        assertThat(SecretReaderBinding.OperatorAccount.of("raffinerie-system", Optional.empty())).isEmpty();
        assertThat(SecretReaderBinding.OperatorAccount.of("raffinerie-system", Optional.of("  "))).isEmpty();
        assertThat(SecretReaderBinding.OperatorAccount.of("raffinerie-system", Optional.of("raffinerie-operator")))
                .contains(new SecretReaderBinding.OperatorAccount("raffinerie-system", "raffinerie-operator"));
    }
}

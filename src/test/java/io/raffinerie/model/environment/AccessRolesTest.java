package io.raffinerie.model.environment;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.AccessEntry;
import io.raffinerie.api.v1alpha1.AccessRole;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.model.Problem;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessRolesTest {
    private static final Set<String> ALL = Set.of("raffinerie-viewer", "raffinerie-editor", "raffinerie-manager",
            "raffinerie-spark-driver", "raffinerie-secret-reader");

    private static DataEnvironment withAccess(AccessRole... roles) {
        DataEnvironment environment = new DataEnvironment();
        environment.getMetadata().setName("sales-dev");
        environment.setSpec(new DataEnvironmentSpec());
        environment.getSpec().access = Arrays.stream(roles).map(role -> {
            AccessEntry entry = new AccessEntry();
            entry.role = role;
            entry.users = List.of("someone");
            return entry;
        }).toList();
        return environment;
    }

    @Test
    void allRolesInstalledIsNoProblem() {
        assertThat(AccessRoles.check(withAccess(AccessRole.manager, AccessRole.editor, AccessRole.viewer), ALL, true)).isEmpty();
    }

    @Test
    void aMissingRoleNamesTheEntriesThatNeedItAndTheFix() {
        DataEnvironment environment = withAccess(AccessRole.viewer, AccessRole.editor, AccessRole.viewer, AccessRole.editor);
        Set<String> noEditor = Set.of("raffinerie-viewer", "raffinerie-manager", "raffinerie-spark-driver",
                "raffinerie-secret-reader");

        assertThat(AccessRoles.check(environment, noEditor, true)).hasValueSatisfying(problem -> {
            assertThat(problem.reason()).isEqualTo("AccessRoleMissing");
            assertThat(problem.message()).startsWith("access[1], access[3]: ClusterRole raffinerie-editor does not exist; "
                    + "install the environment roles")
                    .contains("kubectl apply -f operator/environment-roles.yaml")
                    .contains("app.kubernetes.io/component=environment-role")
                    .doesNotContain("raffinerie-viewer");
        });
    }

    @Test
    void theSparkDriverRoleIsNeededEvenWithoutAccessEntries() {
        assertThat(AccessRoles.check(withAccess(), Set.of(), false)).map(Problem::message).hasValueSatisfying(message ->
                assertThat(message).startsWith("ClusterRole raffinerie-spark-driver (Spark drivers) does not exist; "));
        assertThat(AccessRoles.check(new DataEnvironment(), Set.of("raffinerie-spark-driver"), false)).isEmpty();
    }

    @Test
    void theSecretReaderRoleIsNeededWhenTheOperatorIsBoundToIt() {
        Set<String> noReader = Set.of("raffinerie-spark-driver");
        assertThat(AccessRoles.check(new DataEnvironment(), noReader, true)).hasValueSatisfying(problem -> {
            assertThat(problem.reason()).isEqualTo("AccessRoleMissing");
            assertThat(problem.message()).startsWith("ClusterRole raffinerie-secret-reader (the operator's Secret reads: log masking, "
                    + "alert webhooks) does not exist; install the environment roles");
        });
        assertThat(AccessRoles.check(new DataEnvironment(), noReader, false)).as("an operator that is no ServiceAccount binds none")
                .isEmpty();
        assertThat(AccessRoles.referenced(new DataEnvironment())).contains("raffinerie-secret-reader");
    }

    @Test
    void referencedRolesAreWhatTheBindingsPointAt() {
        assertThat(AccessRoles.referenced(withAccess(AccessRole.editor, AccessRole.editor)))
                .containsExactly("raffinerie-editor", "raffinerie-spark-driver", "raffinerie-secret-reader");
        DataEnvironment viewer = withAccess(AccessRole.viewer);
        List<String> bound = new java.util.ArrayList<>(EnvironmentObjects.roleBindings(viewer).values().stream()
                .map(binding -> binding.getRoleRef().getName()).toList());
        bound.add(SparkEnvironmentObjects.sparkRoleBinding(viewer).getRoleRef().getName());
        bound.add(SecretReaderBinding.desired(viewer, new SecretReaderBinding.OperatorAccount("ops", "op")).getRoleRef().getName());
        assertThat(AccessRoles.referenced(viewer)).containsExactlyElementsOf(bound);
    }
}

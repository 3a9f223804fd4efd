package io.raffinerie.model.environment;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import java.util.Optional;

/**
 * The operator reads Secrets (to mask log tails, for alert webhook URLs) only in environments' namespaces: its
 * ClusterRole has no Secret right, and each environment binds the shipped ClusterRole raffinerie-secret-reader (get on
 * secrets) to the operator's own ServiceAccount in its namespace. Binding it needs only `bind` on that role.
 */
public final class SecretReaderBinding {
    /** The ClusterRole bound, and the name of the RoleBinding in each environment's namespace. */
    public static final String ROLE = "raffinerie-secret-reader";
    public static final String NAME = ROLE;

    private SecretReaderBinding() {
    }

    /**
     * The operator's ServiceAccount, {@code name} in {@code namespace}; none when the operator runs under another
     * identity (a kubeconfig's user, as with `make run`), which holds its own rights and is bound to nothing.
     */
    public record OperatorAccount(String namespace, String name) {
        public static Optional<OperatorAccount> of(String namespace, Optional<String> serviceAccount) {
            return serviceAccount.filter(name -> !name.isBlank()).map(name -> new OperatorAccount(namespace, name.strip()));
        }
    }

    /** get on the Secrets of the environment's namespace, for the operator's ServiceAccount. */
    public static RoleBinding desired(DataEnvironment environment, OperatorAccount operator) {
        return new RoleBindingBuilder().withMetadata(EnvironmentObjects.metadata(environment, NAME))
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(ROLE).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName(operator.name()).withNamespace(operator.namespace()).endSubject()
                .build();
    }
}

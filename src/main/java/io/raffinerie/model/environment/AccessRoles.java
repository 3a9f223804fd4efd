package io.raffinerie.model.environment;

import io.raffinerie.api.v1alpha1.AccessEntry;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Reasons;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the ClusterRoles an environment's RoleBindings point at exist. Kubernetes accepts a RoleBinding to a missing
 * ClusterRole and it then grants nothing, so a missing role must be told: the environment is Ready=False.
 */
public final class AccessRoles {
    /** The label the shipped environment roles carry; the operator watches only ClusterRoles that have it. */
    public static final String COMPONENT_LABEL = "app.kubernetes.io/component";
    public static final String COMPONENT = "environment-role";
    public static final String SELECTOR = COMPONENT_LABEL + "=" + COMPONENT;
    static final String FIX = "install the environment roles, labelled " + SELECTOR
            + " (kubectl apply -f operator/environment-roles.yaml, or the Helm chart)";

    private AccessRoles() {
    }

    /**
     * The ClusterRoles the environment binds: the Spark drivers' role, the operator's Secret reader role and one per
     * access entry's role.
     */
    public static Set<String> referenced(DataEnvironment environment) {
        Set<String> roles = new LinkedHashSet<>(entriesByRole(environment).keySet());
        roles.add(EnvironmentObjects.SPARK_DRIVER_ROLE);
        roles.add(SecretReaderBinding.ROLE);
        return roles;
    }

    /**
     * Ready=False (AccessRoleMissing) naming each missing ClusterRole and the access entries that need it, when a role
     * the environment binds is not among {@code existing}. The Secret reader role counts when {@code secretReaderBound}
     * (the operator runs as a ServiceAccount, see {@link SecretReaderBinding}).
     */
    public static Optional<Problem> check(DataEnvironment environment, Set<String> existing, boolean secretReaderBound) {
        List<String> missing = new ArrayList<>();
        entriesByRole(environment).forEach((role, entries) -> {
            if (!existing.contains(role)) {
                missing.add(String.join(", ", entries) + ": ClusterRole " + role + " does not exist");
            }
        });
        if (!existing.contains(EnvironmentObjects.SPARK_DRIVER_ROLE)) {
            missing.add("ClusterRole " + EnvironmentObjects.SPARK_DRIVER_ROLE + " (Spark drivers) does not exist");
        }
        if (secretReaderBound && !existing.contains(SecretReaderBinding.ROLE)) {
            missing.add("ClusterRole " + SecretReaderBinding.ROLE
                    + " (the operator's Secret reads: log masking, alert webhooks) does not exist");
        }
        return missing.isEmpty() ? Optional.empty()
                : Optional.of(new Problem(Reasons.ACCESS_ROLE_MISSING, String.join("; ", missing) + "; " + FIX));
    }

    /** access[i] of each role's entries, by ClusterRole name, in the order of the spec. */
    private static Map<String, List<String>> entriesByRole(DataEnvironment environment) {
        Map<String, List<String>> entries = new LinkedHashMap<>();
        List<AccessEntry> access = environment.getSpec() == null || environment.getSpec().access == null ? List.of()
                : environment.getSpec().access;
        for (int i = 0; i < access.size(); i++) {
            if (access.get(i).role != null) {
                entries.computeIfAbsent(EnvironmentObjects.clusterRoleOf(access.get(i).role), role -> new ArrayList<>())
                        .add("access[" + i + "]");
            }
        }
        return entries;
    }
}

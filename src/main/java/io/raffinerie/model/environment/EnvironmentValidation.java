package io.raffinerie.model.environment;

import io.fabric8.kubernetes.api.model.Quantity;
import io.raffinerie.api.v1alpha1.AccessEntry;
import io.raffinerie.api.v1alpha1.ContainerDefaults;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.api.v1alpha1.EgressRule;
import io.raffinerie.api.v1alpha1.Patterns;
import io.raffinerie.api.v1alpha1.Quota;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.Variables;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the schema cannot check about an environment, and what it checks too, for clusters whose CRD lags behind.
 */
public final class EnvironmentValidation {
    private static final int MAX_NAMESPACE_LENGTH = 63;
    private static final Set<String> SYSTEM_NAMESPACES = Set.of("default", "kube-system", "kube-public", "kube-node-lease");

    private EnvironmentValidation() {
    }

    /** The first problem of the environment, if any. */
    public static Optional<Problem> validate(DataEnvironment environment, String operatorNamespace) {
        String namespace = EnvironmentModel.namespaceOf(environment);
        if (SYSTEM_NAMESPACES.contains(namespace) || namespace.equals(operatorNamespace)) {
            return Optional.of(new Problem(Reasons.NAMESPACE_CONFLICT,
                    "namespace " + namespace + " belongs to the cluster or to the operator and cannot be an environment"));
        }
        if (!namespace.matches(Patterns.DNS_LABEL) || namespace.length() > MAX_NAMESPACE_LENGTH) {
            boolean declared = !namespace.equals(environment.getMetadata().getName());
            return Optional.of(invalid((declared ? "spec.namespace: " : "metadata.name: ") + namespace
                    + " cannot be a namespace name (at most " + MAX_NAMESPACE_LENGTH + " characters, a-z, 0-9 and '-')"
                    + (declared ? "" : "; set spec.namespace to a name that can")));
        }
        DataEnvironmentSpec spec = environment.getSpec();
        if (spec == null) {
            return Optional.empty();
        }
        List<Problem> problems = new ArrayList<>();
        if (spec.network != null && spec.network.egress != null) {
            for (int i = 0; i < spec.network.egress.size(); i++) {
                checkEgress("spec.network.egress[" + i + "]", spec.network.egress.get(i)).ifPresent(problems::add);
            }
        }
        Quota quota = spec.quota;
        if (quota != null) {
            checkQuantity("spec.quota.cpu", quota.cpu).ifPresent(problems::add);
            checkQuantity("spec.quota.memory", quota.memory).ifPresent(problems::add);
            if (quota.pods != null && quota.pods < 0) {
                problems.add(invalid("spec.quota.pods: " + quota.pods + " must not be negative"));
            }
        }
        ContainerDefaults defaults = spec.defaults;
        if (defaults != null) {
            checkQuantity("spec.defaults.cpu", defaults.cpu).ifPresent(problems::add);
            checkQuantity("spec.defaults.memory", defaults.memory).ifPresent(problems::add);
        }
        if (spec.access != null) {
            for (int i = 0; i < spec.access.size(); i++) {
                checkAccess("spec.access[" + i + "]", spec.access.get(i)).ifPresent(problems::add);
            }
        }
        Variables.checkUnique("spec.variables", spec.variables).ifPresent(problems::add);
        return problems.stream().findFirst();
    }

    static Optional<Problem> checkEgress(String field, EgressRule rule) {
        if ((rule.cidr == null) == (rule.namespaceLabels == null)) {
            return Optional.of(invalid(field + ": set exactly one of cidr and namespaceLabels"));
        }
        if (rule.cidr != null && !Cidrs.isValid(rule.cidr)) {
            return Optional.of(invalid(field + ".cidr: \"" + rule.cidr + "\" is not a CIDR such as 10.20.0.0/16"));
        }
        if (rule.ports != null && rule.ports.stream().anyMatch(p -> p == null || p < 1 || p > 65535)) {
            return Optional.of(invalid(field + ".ports: ports must be between 1 and 65535"));
        }
        return Optional.empty();
    }

    static Optional<Problem> checkQuantity(String field, String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            BigDecimal amount = Quantity.getAmountInBytes(new Quantity(value));
            if (amount.signum() < 0) {
                return Optional.of(invalid(field + ": " + value + " must not be negative"));
            }
            return Optional.empty();
        } catch (IllegalArgumentException | ArithmeticException e) {
            return Optional.of(invalid(field + ": \"" + value + "\" is not a quantity such as 500m, 2 or 4Gi"));
        }
    }

    private static Optional<Problem> checkAccess(String field, AccessEntry entry) {
        boolean empty = isEmpty(entry.users) && isEmpty(entry.groups) && isEmpty(entry.serviceAccounts);
        if (entry.role == null || empty) {
            return Optional.of(invalid(field + ": an access entry needs a role and at least one of users, groups or serviceAccounts"));
        }
        if (entry.serviceAccounts != null) {
            for (String account : entry.serviceAccounts) {
                if (account == null || !account.matches("^[a-z0-9][-a-z0-9]*/[a-z0-9][-.a-z0-9]*$")) {
                    return Optional.of(invalid(field + ".serviceAccounts: \"" + account + "\" is not namespace/name"));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isEmpty(List<String> list) {
        return list == null || list.isEmpty();
    }

    private static Problem invalid(String message) {
        return new Problem(Reasons.INVALID_SPEC, message);
    }
}

package io.raffinerie.operator.environment;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.model.environment.EnvironmentObjects;

/** Which optional objects an environment wants; an unmet one removes its object. */
final class Preconditions {
    private Preconditions() {
    }

    /** Network isolation is Strict. */
    public static class StrictIsolation implements Condition<HasMetadata, DataEnvironment> {
        @Override
        public boolean isMet(DependentResource<HasMetadata, DataEnvironment> dependent, DataEnvironment environment,
                Context<DataEnvironment> context) {
            return EnvironmentObjects.isStrict(environment);
        }
    }

    /** Strict, with declared egress. */
    public static class HasEgress implements Condition<HasMetadata, DataEnvironment> {
        @Override
        public boolean isMet(DependentResource<HasMetadata, DataEnvironment> dependent, DataEnvironment environment,
                Context<DataEnvironment> context) {
            return EnvironmentObjects.hasEgress(environment);
        }
    }

    /** A quota is set. */
    public static class HasQuota implements Condition<HasMetadata, DataEnvironment> {
        @Override
        public boolean isMet(DependentResource<HasMetadata, DataEnvironment> dependent, DataEnvironment environment,
                Context<DataEnvironment> context) {
            return EnvironmentObjects.hasQuota(environment);
        }
    }

    /** Container defaults are set. */
    public static class HasDefaults implements Condition<HasMetadata, DataEnvironment> {
        @Override
        public boolean isMet(DependentResource<HasMetadata, DataEnvironment> dependent, DataEnvironment environment,
                Context<DataEnvironment> context) {
            return EnvironmentObjects.hasDefaults(environment);
        }
    }

    /** The operator runs as a ServiceAccount, which the Secret reader binding names. */
    public static class OperatorIsAServiceAccount implements Condition<RoleBinding, DataEnvironment> {
        @Override
        public boolean isMet(DependentResource<RoleBinding, DataEnvironment> dependent, DataEnvironment environment,
                Context<DataEnvironment> context) {
            return dependent instanceof SecretReaderBindingDependent binding && binding.bound();
        }
    }
}

package io.raffinerie.operator.environment;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.environment.SecretReaderBinding;
import io.raffinerie.operator.common.OperatorSettings;
import jakarta.inject.Inject;

/**
 * Lets the operator's ServiceAccount read the Secrets of the environment's namespace, and no other: the operator's
 * ClusterRole grants no Secret right. Skipped when the operator is no ServiceAccount (Preconditions.OperatorIsAServiceAccount).
 */
@KubernetesDependent(informer = @Informer(labelSelector = EnvironmentModel.ENVIRONMENT_LABEL))
public class SecretReaderBindingDependent extends EnvironmentObjectDependent<RoleBinding> {
    @Inject
    OperatorSettings settings;

    public SecretReaderBindingDependent() {
        super(RoleBinding.class);
    }

    @Override
    protected RoleBinding desired(DataEnvironment environment, Context<DataEnvironment> context) {
        return SecretReaderBinding.desired(environment, settings.operatorAccount().orElseThrow());
    }

    /** By name, without the desired binding: an unmet precondition (no ServiceAccount) has none, yet removes it. */
    @Override
    protected ResourceID targetSecondaryResourceID(DataEnvironment environment, Context<DataEnvironment> context) {
        return new ResourceID(SecretReaderBinding.NAME, EnvironmentModel.namespaceOf(environment));
    }

    boolean bound() {
        return settings.operatorAccount().isPresent();
    }
}

package io.raffinerie.operator.environment;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.environment.EnvironmentObjects;
import io.raffinerie.model.environment.SparkEnvironmentObjects;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

/** Binds the Spark identity to the shipped Spark driver role. */
@KubernetesDependent(informer = @Informer(labelSelector = EnvironmentModel.ENVIRONMENT_LABEL))
public class SparkRoleBindingDependent extends EnvironmentObjectDependent<RoleBinding> {
    public SparkRoleBindingDependent() {
        super(RoleBinding.class);
    }

    @Override
    protected RoleBinding desired(DataEnvironment environment, Context<DataEnvironment> context) {
        return SparkEnvironmentObjects.sparkRoleBinding(environment);
    }
}

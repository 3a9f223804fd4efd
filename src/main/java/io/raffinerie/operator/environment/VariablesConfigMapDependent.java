package io.raffinerie.operator.environment;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.environment.EnvironmentObjects;
import io.fabric8.kubernetes.api.model.ConfigMap;

/** The environment's plain variables. */
@KubernetesDependent(informer = @Informer(labelSelector = EnvironmentModel.ENVIRONMENT_LABEL))
public class VariablesConfigMapDependent extends EnvironmentObjectDependent<ConfigMap> {
    public VariablesConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(DataEnvironment environment, Context<DataEnvironment> context) {
        return EnvironmentObjects.variables(environment);
    }
}

package io.raffinerie.operator.environment;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.environment.EnvironmentObjects;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

/** Lets Spark pods reach the API server. */
@KubernetesDependent(informer = @Informer(labelSelector = EnvironmentModel.ENVIRONMENT_LABEL))
public class SparkApiPolicyDependent extends EnvironmentObjectDependent<NetworkPolicy> {
    public SparkApiPolicyDependent() {
        super(NetworkPolicy.class);
    }

    @Override
    protected NetworkPolicy desired(DataEnvironment environment, Context<DataEnvironment> context) {
        return EnvironmentObjects.sparkApiPolicy(environment);
    }
}

package io.raffinerie.operator.environment;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.environment.EnvironmentObjects;
import io.fabric8.kubernetes.api.model.ServiceAccount;

/** The identity of spark-submit and Spark drivers. */
@KubernetesDependent(informer = @Informer(labelSelector = EnvironmentModel.ENVIRONMENT_LABEL))
public class SparkServiceAccountDependent extends EnvironmentObjectDependent<ServiceAccount> {
    public SparkServiceAccountDependent() {
        super(ServiceAccount.class);
    }

    @Override
    protected ServiceAccount desired(DataEnvironment environment, Context<DataEnvironment> context) {
        return EnvironmentObjects.sparkServiceAccount(environment);
    }
}

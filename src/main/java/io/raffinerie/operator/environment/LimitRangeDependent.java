package io.raffinerie.operator.environment;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.environment.EnvironmentObjects;
import io.fabric8.kubernetes.api.model.LimitRange;

/** Default requests and limits for job containers. */
@KubernetesDependent(informer = @Informer(labelSelector = EnvironmentModel.ENVIRONMENT_LABEL))
public class LimitRangeDependent extends EnvironmentObjectDependent<LimitRange> {
    public LimitRangeDependent() {
        super(LimitRange.class);
    }

    @Override
    protected LimitRange desired(DataEnvironment environment, Context<DataEnvironment> context) {
        return EnvironmentObjects.limitRange(environment);
    }
}

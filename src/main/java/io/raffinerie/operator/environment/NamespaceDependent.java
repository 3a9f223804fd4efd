package io.raffinerie.operator.environment;

import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.environment.NamespaceModel;

/**
 * The environment's namespace. Never deleted by the workflow and never owned through an owner reference: its fate
 * on deletion is the environment's deletionPolicy, applied by the reconciler.
 */
@KubernetesDependent(informer = @Informer(labelSelector = EnvironmentModel.ENVIRONMENT_LABEL))
public class NamespaceDependent extends EnvironmentChildDependent<Namespace> implements Creator<Namespace, DataEnvironment>,
        Updater<Namespace, DataEnvironment> {

    public NamespaceDependent() {
        super(Namespace.class);
    }

    @Override
    protected Namespace desired(DataEnvironment environment, Context<DataEnvironment> context) {
        return NamespaceModel.desired(environment, context.getSecondaryResource(Namespace.class).orElse(null));
    }
}

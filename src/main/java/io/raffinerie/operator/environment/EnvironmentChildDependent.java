package io.raffinerie.operator.environment;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.operator.common.LabelledPrimaries;
import java.util.Optional;

/**
 * An object an environment owns through its environment label rather than an owner reference, so that deleting
 * the DataEnvironment with deletionPolicy Retain leaves it in place.
 */
abstract class EnvironmentChildDependent<R extends HasMetadata> extends KubernetesDependentResource<R, DataEnvironment> {

    EnvironmentChildDependent(Class<R> type) {
        super(type);
    }

    @Override
    protected boolean addOwnerReference() {
        return false;
    }

    @Override
    protected void addSecondaryToPrimaryMapperAnnotations(R desired, DataEnvironment primary) {
        // The environment label set by the model is the mapping (the name, shortened when long: DataEnvironmentReconciler
        // indexes the environments by it).
    }

    @Override
    protected Optional<SecondaryToPrimaryMapper<R>> getSecondaryToPrimaryMapper(EventSourceContext<DataEnvironment> context) {
        return Optional.of(child -> {
            String environment = child.getMetadata().getLabels() == null ? null
                    : child.getMetadata().getLabels().get(EnvironmentModel.ENVIRONMENT_LABEL);
            return LabelledPrimaries.named(context, null, environment);
        });
    }
}

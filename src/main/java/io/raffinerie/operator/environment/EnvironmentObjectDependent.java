package io.raffinerie.operator.environment;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Deleter;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.raffinerie.api.v1alpha1.DataEnvironment;

/** An object in the environment's namespace that the environment creates, keeps in shape and removes when unwanted. */
abstract class EnvironmentObjectDependent<R extends HasMetadata> extends EnvironmentChildDependent<R>
        implements Creator<R, DataEnvironment>, Updater<R, DataEnvironment>, Deleter<DataEnvironment> {

    EnvironmentObjectDependent(Class<R> type) {
        super(type);
    }
}

package io.raffinerie.operator.environment;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.environment.EnvironmentObjects;
import java.util.Map;
import java.util.stream.Collectors;

/** One RoleBinding per access entry; bindings no entry asks for any more are deleted. */
@KubernetesDependent(informer = @Informer(labelSelector = EnvironmentModel.ENVIRONMENT_LABEL))
public class AccessBindingsDependent extends EnvironmentChildDependent<RoleBinding>
        implements CRUDKubernetesBulkDependentResource<RoleBinding, DataEnvironment>,
        KubernetesBulkDependentResource<RoleBinding, DataEnvironment> {

    public AccessBindingsDependent() {
        super(RoleBinding.class);
    }

    @Override
    public Map<ResourceID, RoleBinding> desiredResources(DataEnvironment environment, Context<DataEnvironment> context) {
        return EnvironmentObjects.roleBindings(environment).values().stream()
                .collect(Collectors.toMap(ResourceID::fromResource, binding -> binding));
    }

    /**
     * The access bindings from this dependent's own informer: the environment's other RoleBindings (and the other
     * informer that also sees them) belong to other dependents.
     */
    @Override
    public Map<ResourceID, RoleBinding> getSecondaryResources(DataEnvironment environment, Context<DataEnvironment> context) {
        return eventSource().orElseThrow().getSecondaryResources(environment).stream()
                .filter(EnvironmentObjects::isAccessBinding)
                .collect(Collectors.toMap(ResourceID::fromResource, binding -> binding, (a, b) -> a));
    }
}

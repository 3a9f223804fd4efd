package io.raffinerie.operator.environment;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.environment.EnvironmentObjects;
import io.raffinerie.operator.common.Failures;
import java.util.Map;
import java.util.function.Supplier;
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

    @Override
    public RoleBinding create(RoleBinding desired, DataEnvironment environment, Context<DataEnvironment> context) {
        return naming(desired, () -> super.create(desired, environment, context));
    }

    @Override
    public RoleBinding update(RoleBinding actual, RoleBinding desired, DataEnvironment environment, Context<DataEnvironment> context) {
        return naming(desired, () -> super.update(actual, desired, environment, context));
    }

    /**
     * A binding the API server refuses (403, 422) says which binding and which ClusterRole, whatever the server's
     * message names; the code is kept, so that the failure is retried or not as before.
     */
    static RoleBinding naming(RoleBinding binding, Supplier<RoleBinding> write) {
        try {
            return write.get();
        } catch (KubernetesClientException e) {
            String message = "RoleBinding " + binding.getMetadata().getName() + " to ClusterRole " + binding.getRoleRef().getName()
                    + ": " + Failures.describe(e);
            Status status = new StatusBuilder(e.getStatus() == null ? new Status() : e.getStatus())
                    .withCode(e.getCode()).withMessage(message).build();
            KubernetesClientException named = new KubernetesClientException(message, e.getCode(), status);
            named.initCause(e);
            throw named;
        }
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

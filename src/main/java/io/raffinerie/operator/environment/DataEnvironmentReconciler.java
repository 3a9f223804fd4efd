package io.raffinerie.operator.environment;

import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.raffinerie.operator.archive.ArchiveRetention;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentStatus;
import io.raffinerie.api.v1alpha1.DeletionPolicy;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Readiness;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.environment.AccessRoles;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.environment.EnvironmentValidation;
import io.raffinerie.model.environment.NamespaceModel;
import io.raffinerie.model.environment.SecretReaderBinding;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import io.raffinerie.operator.common.Failures;
import io.raffinerie.operator.common.LabelledPrimaries;
import io.raffinerie.operator.common.OperatorSettings;
import io.raffinerie.operator.common.StatusPatch;
import io.raffinerie.operator.common.LeanItemStore;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Provisions environments. The spec and the namespace claim are checked first, so that an invalid or conflicting
 * environment changes nothing in the cluster; only then do the dependents run.
 */
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(name = DataEnvironmentReconciler.NAMESPACE, type = NamespaceDependent.class),
    @Dependent(name = "isolation-policy", type = IsolationPolicyDependent.class, dependsOn = DataEnvironmentReconciler.NAMESPACE,
            reconcilePrecondition = Preconditions.StrictIsolation.class),
    @Dependent(name = "egress-policy", type = EgressPolicyDependent.class, dependsOn = DataEnvironmentReconciler.NAMESPACE,
            reconcilePrecondition = Preconditions.HasEgress.class),
    @Dependent(name = "access", type = AccessBindingsDependent.class, dependsOn = DataEnvironmentReconciler.NAMESPACE),
    @Dependent(name = "quota", type = QuotaDependent.class, dependsOn = DataEnvironmentReconciler.NAMESPACE,
            reconcilePrecondition = Preconditions.HasQuota.class),
    @Dependent(name = "defaults", type = LimitRangeDependent.class, dependsOn = DataEnvironmentReconciler.NAMESPACE,
            reconcilePrecondition = Preconditions.HasDefaults.class),
    @Dependent(name = "runner", type = RunnerServiceAccountDependent.class, dependsOn = DataEnvironmentReconciler.NAMESPACE),
    @Dependent(name = "variables", type = VariablesConfigMapDependent.class, dependsOn = DataEnvironmentReconciler.NAMESPACE),
    @Dependent(name = "spark-account", type = SparkServiceAccountDependent.class, dependsOn = DataEnvironmentReconciler.NAMESPACE),
    @Dependent(name = "spark-binding", type = SparkRoleBindingDependent.class, dependsOn = DataEnvironmentReconciler.NAMESPACE),
    @Dependent(name = "secret-reader", type = SecretReaderBindingDependent.class, dependsOn = DataEnvironmentReconciler.NAMESPACE,
            reconcilePrecondition = Preconditions.OperatorIsAServiceAccount.class),
    @Dependent(name = "spark-policy", type = SparkApiPolicyDependent.class, dependsOn = DataEnvironmentReconciler.NAMESPACE,
            reconcilePrecondition = Preconditions.StrictIsolation.class)})
@ControllerConfiguration(name = "dataenvironment", informer = @Informer(itemStore = LeanItemStore.class))
@RBACRule(apiGroups = "", resources = "namespaces", verbs = {"get", "delete"})
// The API server's real endpoints, for the Spark NetworkPolicy: one object, read by name.
@RBACRule(apiGroups = "discovery.k8s.io", resources = "endpointslices", verbs = "get", resourceNames = "kubernetes")
@RBACRule(apiGroups = "rbac.authorization.k8s.io", resources = "clusterroles", verbs = "bind",
        resourceNames = {"raffinerie-viewer", "raffinerie-editor", "raffinerie-manager", "raffinerie-spark-driver",
            SecretReaderBinding.ROLE})
@RBACRule(apiGroups = "rbac.authorization.k8s.io", resources = "clusterroles", verbs = {"get", "list", "watch"})
public class DataEnvironmentReconciler implements Reconciler<DataEnvironment>, Cleaner<DataEnvironment> {
    static final String NAMESPACE = "namespace";

    @Inject
    Clock clock;

    @Inject
    OperatorSettings settings;

    @Inject
    ArchiveRetention retention;

    @Override
    public UpdateControl<DataEnvironment> reconcile(DataEnvironment environment, Context<DataEnvironment> context) {
        Optional<Problem> problem = EnvironmentValidation.validate(environment, settings.operatorNamespace())
                .or(() -> NamespaceModel.checkClaim(environment, currentNamespace(environment, context)));
        DataEnvironmentStatus status = StatusPatch.copyOf(environment.getStatus(), DataEnvironmentStatus::new);
        if (problem.isEmpty()) {
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
            status.namespace = EnvironmentModel.namespaceOf(environment);
            // The bindings are in place either way; they grant nothing until their ClusterRoles exist.
            problem = AccessRoles.check(environment, EnvironmentRoles.existing(context), settings.operatorAccount().isPresent());
        }
        Readiness.apply(status, problem, environment.getMetadata().getGeneration(), Reasons.PROVISIONED,
                "namespace " + EnvironmentModel.namespaceOf(environment) + " is provisioned", clock);
        UpdateControl<DataEnvironment> update = StatusPatch.ifChanged(environment, status);
        return retention.sweep(environment).map(update::rescheduleAfter).orElse(update);
    }

    /**
     * Children name their environment in a label, shortened when the name is long: they are mapped back by it. The
     * environment roles: their events reconcile the environments that bind them.
     */
    @Override
    public List<EventSource<?, DataEnvironment>> prepareEventSources(EventSourceContext<DataEnvironment> context) {
        LabelledPrimaries.index(context);
        return List.of(EnvironmentRoles.eventSource(context));
    }

    /** A provisioning failure (for example a refused write) becomes Ready=False; JOSDK retries with backoff. */
    @Override
    public ErrorStatusUpdateControl<DataEnvironment> updateErrorStatus(DataEnvironment environment, Context<DataEnvironment> context,
            Exception e) {
        DataEnvironmentStatus status = StatusPatch.copyOf(environment.getStatus(), DataEnvironmentStatus::new);
        Readiness.apply(status, Optional.of(new Problem(Reasons.PROVISIONING_FAILED, Failures.describe(e))),
                environment.getMetadata().getGeneration(), Reasons.PROVISIONED, "", clock);
        return StatusPatch.errorStatus(environment, status);
    }

    @Override
    public DeleteControl cleanup(DataEnvironment environment, Context<DataEnvironment> context) {
        boolean delete = environment.getSpec() != null && environment.getSpec().deletionPolicy == DeletionPolicy.Delete;
        context.getSecondaryResource(Namespace.class)
                .filter(namespace -> delete && NamespaceModel.createdByOperator(namespace))
                .ifPresent(namespace -> context.getClient().resource(namespace).delete());
        // A retained namespace is no environment's any more: the operator reads none of its Secrets.
        context.getSecondaryResource(Namespace.class).ifPresent(namespace -> context.getClient().rbac().roleBindings()
                .inNamespace(namespace.getMetadata().getName()).withName(SecretReaderBinding.NAME).delete());
        return DeleteControl.defaultDelete();
    }

    /** The namespace from the cache when it carries the environment label, else as the API server has it. */
    private static Namespace currentNamespace(DataEnvironment environment, Context<DataEnvironment> context) {
        String name = EnvironmentModel.namespaceOf(environment);
        return context.getSecondaryResource(Namespace.class)
                .orElseGet(() -> context.getClient().namespaces().withName(name).get());
    }
}

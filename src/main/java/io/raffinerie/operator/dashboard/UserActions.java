package io.raffinerie.operator.dashboard;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.model.run.RunRequests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The dashboard's actions, performed as the user (impersonation), exactly as `kubectl create` and `kubectl patch`
 * would: the API server applies the user's RBAC and admission rules, and its audit log names the user. The dashboard
 * never impersonates a privileged identity (system:masters and the chart's refused groups and users).
 */
@ApplicationScoped
public class UserActions {
    @Inject
    KubernetesClient client;

    @Inject
    DashboardIdentity identity;

    /**
     * A new run of a job or pipeline, named after it with a generated suffix; with {@code retryOf}, a retry, which for
     * a pipeline reruns what the original ran unless {@code useLatest}.
     */
    public DataRun start(DashboardUser user, String namespace, String kind, String target, Map<String, String> parameters,
            String retryOf, boolean useLatest) {
        DataRun run = RunRequests.start(namespace, "job".equals(kind), target, parameters, retryOf, useLatest);
        return as(user).resource(run).create();
    }

    /** A retry of {@code existing}, as {@link RunRequests#retry} builds it. */
    public DataRun retry(DashboardUser user, DataRun existing, boolean useLatest) {
        return as(user).resource(RunRequests.retry(existing, useLatest)).create();
    }

    /** `kubectl patch datarun NAME --type merge -p '{"spec":{"cancel":true}}'`. */
    public void cancel(DashboardUser user, String namespace, String name) {
        as(user).resources(DataRun.class).inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"cancel\":true}}");
    }

    /** A client impersonating the user; a privileged identity is refused first, however it signed in. */
    private KubernetesClient as(DashboardUser user) {
        identity.checkMayActAs(user);
        return client.newClient(new RequestConfigBuilder()
                .withImpersonateUsername(user.name())
                .withImpersonateGroups(user.groups().toArray(String[]::new))
                .build()).adapt(KubernetesClient.class);
    }
}

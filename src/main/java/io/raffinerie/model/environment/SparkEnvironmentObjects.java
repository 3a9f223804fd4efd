package io.raffinerie.model.environment;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.model.RunLabels;

/** What an environment gives the Spark identity: its role binding, and egress to the API server only. */
public final class SparkEnvironmentObjects {
    private SparkEnvironmentObjects() {
    }

    /**
     * Binds the Spark identity to the ClusterRole raffinerie-spark-driver (pods, services and ConfigMaps, shipped
     * with the install manifests): binding a shipped role needs only `bind` on it, not the rights it grants.
     */
    public static RoleBinding sparkRoleBinding(DataEnvironment environment) {
        return new RoleBindingBuilder().withMetadata(EnvironmentObjects.metadata(environment, EnvironmentObjects.SPARK_SERVICE_ACCOUNT))
                .withNewRoleRef().withApiGroup(EnvironmentObjects.RBAC_GROUP).withKind("ClusterRole").withName(EnvironmentObjects.SPARK_DRIVER_ROLE).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName(EnvironmentObjects.SPARK_SERVICE_ACCOUNT)
                .withNamespace(EnvironmentModel.namespaceOf(environment)).endSubject()
                .build();
    }

    /**
     * Spark pods (labelled by spark-submit's configuration) may reach the API server at its real endpoints, and no
     * other address: {@code apiServer} is read from the kubernetes Service's EndpointSlice. Unknown endpoints give
     * no egress rule at all: Spark pods then reach nothing, rather than everything on the API server's ports.
     */
    public static NetworkPolicy sparkApiPolicy(DataEnvironment environment, ApiServerEndpoints apiServer) {
        NetworkPolicyBuilder policy = new NetworkPolicyBuilder()
                .withMetadata(EnvironmentObjects.metadata(environment, EnvironmentObjects.SPARK_POLICY))
                .withNewSpec()
                .withNewPodSelector().addToMatchLabels(RunLabels.TECHNOLOGY, "spark").endPodSelector()
                .withPolicyTypes("Egress")
                .endSpec();
        if (!apiServer.isEmpty()) {
            policy.editSpec().addNewEgress()
                    .withTo(apiServer.cidrs().stream().map(cidr -> new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(cidr)
                            .endIpBlock().build()).toList())
                    .withPorts(apiServer.ports().stream().map(p -> EnvironmentObjects.port(p, "TCP")).toList())
                    .endEgress().endSpec();
        }
        return policy.build();
    }
}

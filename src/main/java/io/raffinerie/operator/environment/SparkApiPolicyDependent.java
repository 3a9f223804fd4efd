package io.raffinerie.operator.environment;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.model.environment.ApiServerEndpoints;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.environment.EnvironmentObjects;
import io.raffinerie.model.environment.SparkEnvironmentObjects;
import io.raffinerie.operator.common.Failures;
import org.jboss.logging.Logger;

/** Lets Spark pods reach the API server, at the endpoints of the kubernetes Service and nowhere else. */
@KubernetesDependent(informer = @Informer(labelSelector = EnvironmentModel.ENVIRONMENT_LABEL))
public class SparkApiPolicyDependent extends EnvironmentObjectDependent<NetworkPolicy> {
    private static final Logger LOG = Logger.getLogger(SparkApiPolicyDependent.class);

    public SparkApiPolicyDependent() {
        super(NetworkPolicy.class);
    }

    @Override
    protected NetworkPolicy desired(DataEnvironment environment, Context<DataEnvironment> context) {
        return SparkEnvironmentObjects.sparkApiPolicy(environment, apiServer(context));
    }

    /** Read at each reconciliation: the API server's endpoints change when its replicas do. */
    private static ApiServerEndpoints apiServer(Context<DataEnvironment> context) {
        try {
            return ApiServerEndpoints.of(context.getClient().resources(EndpointSlice.class)
                    .inNamespace(ApiServerEndpoints.NAMESPACE).withName(ApiServerEndpoints.SLICE).get());
        } catch (KubernetesClientException e) {
            LOG.warnf("the API server's endpoints (EndpointSlice %s/%s) could not be read (%s): Spark pods get no egress",
                    ApiServerEndpoints.NAMESPACE, ApiServerEndpoints.SLICE, Failures.describe(e));
            return ApiServerEndpoints.UNKNOWN;
        }
    }
}

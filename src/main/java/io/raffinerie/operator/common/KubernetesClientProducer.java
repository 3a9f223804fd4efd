package io.raffinerie.operator.common;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The operator's client: Quarkus's configuration and serialization, plus the write counter. */
public class KubernetesClientProducer {
    /** fabric8's default of 5 requests per host queues reconciliations behind slow reads such as log tails. */
    static final int MAX_REQUESTS_PER_HOST = 64;

    @Produces
    @Singleton
    KubernetesClient kubernetesClient(Config config, KubernetesSerialization serialization, ApiWriteCounter writes,
            OperatorSettings settings) {
        Config tuned = new ConfigBuilder(config)
                .withMaxConcurrentRequestsPerHost(MAX_REQUESTS_PER_HOST)
                .withMaxConcurrentRequests(4 * MAX_REQUESTS_PER_HOST)
                .build();
        return new KubernetesClientBuilder()
                .withConfig(tuned)
                .withKubernetesSerialization(serialization)
                .withHttpClientBuilderConsumer(builder -> {
                    builder.addOrReplaceInterceptor("raffinerie-writes", writes);
                    if (settings.client().qps() > 0) {
                        builder.addOrReplaceInterceptor("raffinerie-rate-limit",
                                new RequestRateLimiter(settings.client().qps(), settings.client().burst()));
                    }
                })
                .build();
    }
}

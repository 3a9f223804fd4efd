package io.raffinerie.operator.common;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The operator's client: Quarkus's configuration and serialization, plus the write counter. */
public class KubernetesClientProducer {
    @Produces
    @Singleton
    KubernetesClient kubernetesClient(Config config, KubernetesSerialization serialization, ApiWriteCounter writes) {
        return new KubernetesClientBuilder()
                .withConfig(config)
                .withKubernetesSerialization(serialization)
                .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("raffinerie-writes", writes))
                .build();
    }
}

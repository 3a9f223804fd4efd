package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubeapitest.junit.EnableKubeAPIServer;
import io.fabric8.kubeapitest.junit.KubeConfig;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * kube-api-test's JUnit extension starts a private kube-apiserver and etcd from the binaries the build put in
 * KUBE_API_TEST_DIR, without downloading anything, with Pod Security admission on.
 */
@EnableKubeAPIServer(kubeAPIVersion = "1.36.3", updateKubeConfigFile = false)
class KubeApiServerOfflineIT {
    @KubeConfig
    static String kubeconfig;

    @Test
    void serverFromTheLocalBinariesAnswers() {
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build()) {
            assertThat(client.getKubernetesVersion().getGitVersion()).isEqualTo("v1.36.3");
            client.resource(new NamespaceBuilder().withNewMetadata().withName("offline").endMetadata().build()).create();
            assertThat(client.namespaces().withName("offline").get()).isNotNull();
        }
    }

    @Test
    void podSecurityAdmissionRefusesAPrivilegedPodInARestrictedNamespace() {
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build()) {
            client.resource(new NamespaceBuilder().withNewMetadata().withName("locked")
                    .withLabels(Map.of("pod-security.kubernetes.io/enforce", "restricted")).endMetadata().build()).create();
            var privileged = new PodBuilder().withNewMetadata().withName("root").withNamespace("locked").endMetadata()
                    .withNewSpec().addNewContainer().withName("c").withImage("busybox")
                    .withNewSecurityContext().withPrivileged(true).endSecurityContext().endContainer().endSpec().build();

            assertThatThrownBy(() -> client.resource(privileged).create())
                    .isInstanceOf(KubernetesClientException.class)
                    .hasMessageContaining("violates PodSecurity \"restricted:latest\"")
                    .hasMessageContaining("privileged");
        }
    }
}

package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.model.Conditions;
import io.raffinerie.model.environment.SecretReaderBinding;
import io.raffinerie.operator.run.StepLogReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The operator's ServiceAccount, with the RBAC of operator/install.yaml, reads Secrets in environments' namespaces
 * and nowhere else: each environment binds raffinerie-secret-reader to it, and its ClusterRole holds no Secret right.
 * Log tails read with that account's token are still masked.
 */
@QuarkusTest
@ClusterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatorSecretAccessIT {
    static final String SYSTEM = "raffinerie-system";
    static final String OPERATOR = "raffinerie-operator";
    static final String ACCOUNT = "system:serviceaccount:" + SYSTEM + ":" + OPERATOR;
    static final String ENVIRONMENT = "secret-access";
    static final String ELSEWHERE = "secret-access-no-environment";
    static final String VALUE = "0perator-reads-this-7f3a";

    @Inject
    KubernetesClient client;

    List<HasMetadata> operatorRbac;

    @BeforeAll
    void theOperatorsRbacAnEnvironmentAndANamespaceThatIsNoEnvironments() throws IOException {
        Resources.createNamespace(client, SYSTEM);
        client.resource(new ServiceAccountBuilder().withNewMetadata().withName(OPERATOR).withNamespace(SYSTEM).endMetadata().build())
                .serverSideApply();
        try (InputStream install = Files.newInputStream(Path.of("operator", "install.yaml"))) {
            operatorRbac = client.load(install).items().stream()
                    .filter(o -> (o instanceof ClusterRole || o instanceof ClusterRoleBinding) && OPERATOR.equals(o.getMetadata().getName()))
                    .toList();
        }
        assertThat(operatorRbac).hasSize(2);
        client.resourceList(operatorRbac).serverSideApply();
        Resources.readyEnvironment(client, ENVIRONMENT);
        Resources.createNamespace(client, ELSEWHERE);
        for (String namespace : List.of(ENVIRONMENT, ELSEWHERE)) {
            client.resource(new SecretBuilder().withNewMetadata().withName("db").withNamespace(namespace).endMetadata()
                    .addToStringData("password", VALUE).build()).serverSideApply();
        }
    }

    @AfterAll
    void removeTheOperatorsRbac() {
        client.resourceList(operatorRbac).delete();
    }

    private boolean allowed(String verb, String namespace) {
        return client.authorization().v1().subjectAccessReview().create(new SubjectAccessReviewBuilder().withNewSpec().withUser(ACCOUNT)
                .withGroups("system:serviceaccounts", "system:serviceaccounts:" + SYSTEM, "system:authenticated")
                .withNewResourceAttributes().withNamespace(namespace).withVerb(verb).withResource("secrets").withName("db")
                .endResourceAttributes().endSpec().build()).getStatus().getAllowed();
    }

    @Test
    void theOperatorGetsSecretsInItsEnvironmentsOnly() {
        RoleBinding binding = client.rbac().roleBindings().inNamespace(ENVIRONMENT).withName(SecretReaderBinding.NAME).get();
        assertThat(binding.getRoleRef().getName()).isEqualTo(SecretReaderBinding.ROLE);
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> assertThat(s.getKind() + "/" + s.getNamespace() + "/" + s.getName())
                .isEqualTo("ServiceAccount/" + SYSTEM + "/" + OPERATOR));
        assertThat(allowed("get", ENVIRONMENT)).as("get a Secret of an environment").isTrue();
        assertThat(allowed("list", ENVIRONMENT)).as("list Secrets of an environment").isFalse();
        assertThat(allowed("watch", ENVIRONMENT)).as("watch Secrets of an environment").isFalse();
        for (String namespace : List.of(ELSEWHERE, SYSTEM, "kube-system", "default")) {
            assertThat(allowed("get", namespace)).as("get a Secret in " + namespace).isFalse();
        }
    }

    @Test
    void aLogTailReadWithTheOperatorsTokenIsMaskedInAnEnvironmentAndWithheldElsewhere() {
        String token = client.serviceAccounts().inNamespace(SYSTEM).withName(OPERATOR)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L).endSpec().build()).getStatus().getToken();
        // Only the token: nothing of the admin's kubeconfig (its client certificate) may come along.
        try (KubernetesClient operator = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(client.getConfiguration().getMasterUrl()).withCaCertData(client.getConfiguration().getCaCertData())
                .withCaCertFile(client.getConfiguration().getCaCertFile()).withOauthToken(token).build()).build()) {
            StepLogReader reader = new StepLogReader(operator) {
                @Override
                protected PodLogs logs() {
                    return (namespace, pod, container) -> new ByteArrayInputStream(("connecting with " + VALUE + "\n").getBytes(StandardCharsets.UTF_8));
                }
            };
            assertThat(reader.tailOfLastAttempt(ENVIRONMENT, List.of(podGivenTheSecret(ENVIRONMENT))))
                    .isEqualTo("connecting with ****\n");
            assertThat(reader.tailOfLastAttempt(ELSEWHERE, List.of(podGivenTheSecret(ELSEWHERE))))
                    .startsWith("(the log of pod step-1 was not read: the Secrets to mask in it could not be read: ")
                    .contains("forbidden").doesNotContain(VALUE);
        }
    }

    /** Deleting an environment that retains its namespace takes the operator's Secret access there with it. */
    @Test
    void aRetainedNamespaceIsNoLongerReadable() {
        String retained = "secret-access-retained";
        DataEnvironment environment = Resources.readyEnvironment(client, retained);
        assertThat(client.rbac().roleBindings().inNamespace(retained).withName(SecretReaderBinding.NAME).get()).isNotNull();
        assertThat(allowed("get", retained)).isTrue();

        client.resource(environment).delete();

        await().atMost(Resources.TIMEOUT).until(() -> client.resource(environment).get() == null);
        assertThat(client.namespaces().withName(retained).get()).as("the namespace is retained").isNotNull();
        assertThat(client.rbac().roleBindings().inNamespace(retained).withName(SecretReaderBinding.NAME).get()).isNull();
        assertThat(allowed("get", retained)).isFalse();
    }

    /** Without the ClusterRole, the environment's binding grants nothing: the environment says so until it is installed. */
    @Test
    void aMissingSecretReaderRoleIsTold() {
        try (KubernetesClient person = KubeApiServerResource.client()) {
            person.rbac().clusterRoles().withName(SecretReaderBinding.ROLE).withTimeout(Resources.TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .delete();
            try {
                DataEnvironment environment = new DataEnvironment();
                environment.getMetadata().setName("secret-access-no-role");
                environment.setSpec(new io.raffinerie.api.v1alpha1.DataEnvironmentSpec());
                DataEnvironment applied = client.resource(environment).serverSideApply();
                await().atMost(Resources.TIMEOUT).untilAsserted(() -> assertThat(ready(applied))
                        .extracting(Condition::getStatus, Condition::getReason).containsExactly("False", "AccessRoleMissing"));
                assertThat(ready(applied).getMessage()).startsWith("ClusterRole raffinerie-secret-reader (the operator's Secret reads: "
                        + "log masking, alert webhooks) does not exist; install the environment roles");
                KubeApiServerResource.installEnvironmentRoles(person);
                await().atMost(Resources.TIMEOUT).untilAsserted(() -> assertThat(ready(applied))
                        .extracting(Condition::getStatus, Condition::getReason).containsExactly("True", "Provisioned"));
            } finally {
                KubeApiServerResource.installEnvironmentRoles(person);
            }
        }
        // Environments the missing role turned Ready=False elsewhere in the shared cluster are Ready again.
        await().atMost(Resources.TIMEOUT).untilAsserted(() -> assertThat(client.resources(DataEnvironment.class).list().getItems())
                .allSatisfy(e -> assertThat(e.getMetadata().getDeletionTimestamp() != null || ready(e).getReason() == null
                        || !"AccessRoleMissing".equals(ready(e).getReason())).as(e.getMetadata().getName()).isTrue()));
    }

    private Condition ready(DataEnvironment environment) {
        DataEnvironment current = client.resource(environment).get();
        return Conditions.find(current == null || current.getStatus() == null ? null : current.getStatus().conditions, Conditions.READY)
                .orElseGet(Condition::new);
    }

    private static Pod podGivenTheSecret(String namespace) {
        return new PodBuilder().withNewMetadata().withName("step-1").withNamespace(namespace).endMetadata()
                .withNewSpec().addNewContainer().withName("main").withImage("busybox")
                .addNewEnv().withName("PASSWORD").withNewValueFrom().withNewSecretKeyRef("password", "db", false).endValueFrom().endEnv()
                .endContainer().endSpec().build();
    }
}

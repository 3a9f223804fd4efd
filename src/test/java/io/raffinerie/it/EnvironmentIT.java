package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.AccessEntry;
import io.raffinerie.api.v1alpha1.AccessRole;
import io.raffinerie.api.v1alpha1.ContainerDefaults;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.EgressRule;
import io.raffinerie.api.v1alpha1.NetworkIsolation;
import io.raffinerie.api.v1alpha1.NetworkSpec;
import io.raffinerie.api.v1alpha1.Quota;
import io.raffinerie.api.v1alpha1.SecretKeyRef;
import io.raffinerie.api.v1alpha1.Status;
import io.raffinerie.api.v1alpha1.Variable;
import io.raffinerie.model.Conditions;
import io.raffinerie.model.environment.EnvironmentObjects;
import io.raffinerie.operator.common.ApiWriteCounter;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A DataEnvironment provisions everything it declares, keeps it in shape, and writes nothing once converged. */
@QuarkusTest
@ClusterIT
class EnvironmentIT {
    @Inject
    KubernetesClient client;

    @Inject
    ApiWriteCounter writes;

    @Inject
    PrometheusMeterRegistry registry; // where JOSDK's metrics go (JosdkMetrics)

    static DataEnvironment governed(String name) {
        DataEnvironment environment = new DataEnvironment();
        environment.getMetadata().setName(name);
        DataEnvironmentSpec spec = new DataEnvironmentSpec();
        spec.access = List.of(access(AccessRole.manager, "carol"), access(AccessRole.editor, "alice"), access(AccessRole.viewer, "bob"));
        spec.network = new NetworkSpec();
        spec.network.isolation = NetworkIsolation.Strict;
        EgressRule warehouse = new EgressRule();
        warehouse.cidr = "10.20.0.0/16";
        warehouse.ports = List.of(5432);
        spec.network.egress = List.of(warehouse);
        spec.quota = new Quota();
        spec.quota.cpu = "8";
        spec.quota.memory = "32Gi";
        spec.quota.pods = 50;
        spec.defaults = new ContainerDefaults();
        spec.defaults.cpu = "500m";
        spec.defaults.memory = "1Gi";
        spec.variables = List.of(Variable.plain("WAREHOUSE_URL", "jdbc:postgresql://warehouse/sales"),
                Variable.secret("WAREHOUSE_PASSWORD", new SecretKeyRef("warehouse", "password")));
        environment.setSpec(spec);
        return environment;
    }

    private static AccessEntry access(AccessRole role, String user) {
        AccessEntry entry = new AccessEntry();
        entry.role = role;
        entry.users = List.of(user);
        return entry;
    }

    private DataEnvironment applyReady(DataEnvironment environment) {
        DataEnvironment applied = client.resource(environment).serverSideApply();
        assertThat(Resources.awaitReady(client, applied).getStatus()).isEqualTo("True");
        return applied;
    }

    private DataEnvironment edit(DataEnvironment environment, Consumer<DataEnvironmentSpec> change) {
        DataEnvironment current = client.resource(environment).get();
        change.accept(current.getSpec());
        current.getMetadata().setManagedFields(null);
        current.getMetadata().setResourceVersion(null);
        current.setStatus(null);
        return applyReady(current);
    }

    @Test
    void provisionsEverythingItDeclares() {
        applyReady(governed("env-full"));
        String ns = "env-full";

        NetworkPolicy isolation = client.network().v1().networkPolicies().inNamespace(ns).withName(EnvironmentObjects.ISOLATION_POLICY).get();
        assertThat(isolation.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(isolation.getSpec().getEgress()).anySatisfy(rule -> assertThat(rule.getPorts()).hasSize(2)
                .allSatisfy(port -> assertThat(port.getPort().getIntVal()).isEqualTo(53)));
        NetworkPolicy egress = client.network().v1().networkPolicies().inNamespace(ns).withName(EnvironmentObjects.EGRESS_POLICY).get();
        assertThat(egress.getSpec().getEgress()).singleElement().satisfies(rule -> {
            assertThat(rule.getTo().get(0).getIpBlock().getCidr()).isEqualTo("10.20.0.0/16");
            assertThat(rule.getPorts().get(0).getPort().getIntVal()).isEqualTo(5432);
        });
        assertThat(client.rbac().roleBindings().inNamespace(ns).withLabel("raffinerie.io/environment", ns).list().getItems())
                .filteredOn(EnvironmentObjects::isAccessBinding)
                .extracting(b -> b.getRoleRef().getName() + "=" + b.getSubjects().get(0).getName())
                .containsExactlyInAnyOrder("raffinerie-manager=carol", "raffinerie-editor=alice", "raffinerie-viewer=bob");
        ResourceQuota quota = client.resourceQuotas().inNamespace(ns).withName(EnvironmentObjects.QUOTA).get();
        assertThat(quota.getSpec().getHard()).containsEntry("cpu", new Quantity("8")).containsEntry("pods", new Quantity("50"));
        LimitRange defaults = client.limitRanges().inNamespace(ns).withName(EnvironmentObjects.LIMIT_RANGE).get();
        assertThat(defaults.getSpec().getLimits().get(0).getDefaultRequest()).containsEntry("memory", new Quantity("1Gi"));
        ServiceAccount runner = client.serviceAccounts().inNamespace(ns).withName(EnvironmentObjects.RUNNER_SERVICE_ACCOUNT).get();
        assertThat(runner.getAutomountServiceAccountToken()).isFalse();
        ConfigMap variables = client.configMaps().inNamespace(ns).withName(EnvironmentObjects.VARIABLES_CONFIG_MAP).get();
        assertThat(variables.getData()).containsOnlyKeys("WAREHOUSE_URL");
        assertThat(client.rbac().roleBindings().inNamespace(ns).withName(EnvironmentObjects.SPARK_SERVICE_ACCOUNT).get().getRoleRef()
                .getName()).isEqualTo(EnvironmentObjects.SPARK_DRIVER_ROLE);
    }

    @Test
    void convergedEnvironmentMakesNoWriteWhenReconciledAgain() {
        applyReady(governed("env-quiet"));
        await().atMost(Resources.TIMEOUT).until(() -> client.configMaps().inNamespace("env-quiet")
                .withName(EnvironmentObjects.VARIABLES_CONFIG_MAP).get() != null);
        double reconciles = reconciliations();
        long before = writes.total();

        // A change the environment does not care about still makes it reconcile. A person makes it, with a client of
        // their own: the injected one is the operator's, whose writes are counted.
        try (KubernetesClient person = KubeApiServerResource.client()) {
            person.configMaps().inNamespace("env-quiet").withName(EnvironmentObjects.VARIABLES_CONFIG_MAP)
                .edit(cm -> {
                    cm.getMetadata().setAnnotations(new java.util.HashMap<>(cm.getMetadata().getAnnotations() == null ? Map.of()
                            : cm.getMetadata().getAnnotations()));
                    cm.getMetadata().getAnnotations().put("note", "touched by a person");
                    return cm;
                });
        }
        await().atMost(Resources.TIMEOUT).until(() -> reconciliations() > reconciles);

        assertThat(writes.total() - before).as("writes while converged").isZero();
    }

    private double reconciliations() {
        return Resources.reconciliations(registry, "dataenvironment");
    }

    @Test
    void objectsDeletedByHandComeBack() {
        applyReady(governed("env-drift"));
        String ns = "env-drift";
        String binding = client.rbac().roleBindings().inNamespace(ns).list().getItems().get(0).getMetadata().getName();

        client.network().v1().networkPolicies().inNamespace(ns).withName(EnvironmentObjects.ISOLATION_POLICY).delete();
        client.rbac().roleBindings().inNamespace(ns).withName(binding).delete();

        await().atMost(Resources.TIMEOUT).untilAsserted(() -> {
            assertThat(client.network().v1().networkPolicies().inNamespace(ns).withName(EnvironmentObjects.ISOLATION_POLICY).get())
                    .isNotNull();
            assertThat(client.rbac().roleBindings().inNamespace(ns).withName(binding).get()).isNotNull();
        });
    }

    @Test
    void rolesGrantWhatTheySayAndNothingMore() {
        applyReady(governed("env-rbac"));
        String ns = "env-rbac";

        assertThat(allowed("bob", ns, "list", "raffinerie.io", "dataruns")).as("viewer lists runs").isTrue();
        assertThat(allowed("bob", ns, "create", "raffinerie.io", "dataruns")).as("viewer creates runs").isFalse();
        assertThat(allowed("alice", ns, "create", "raffinerie.io", "dataruns")).as("editor creates runs").isTrue();
        assertThat(allowed("alice", ns, "get", "", "secrets")).as("editor reads secrets").isFalse();
        assertThat(allowed("carol", ns, "create", "raffinerie.io", "dataruns")).as("manager creates runs").isTrue();
        assertThat(allowed("carol", ns, "get", "", "secrets")).as("manager reads secrets").isTrue();
        assertThat(allowed("carol", "env-full-other", "get", "", "secrets")).as("manager elsewhere").isFalse();
        for (String verb : List.of("get", "list", "create", "delete")) {
            for (String resource : List.of("dataruns", "datajobs", "pods", "secrets")) {
                assertThat(allowed("mallory", ns, verb, resource.startsWith("data") ? "raffinerie.io" : "", resource))
                        .as("no entry: " + verb + " " + resource).isFalse();
            }
        }
    }

    private boolean allowed(String user, String namespace, String verb, String group, String resource) {
        SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec().withUser(user)
                .withNewResourceAttributes().withNamespace(namespace).withVerb(verb).withGroup(group).withResource(resource)
                .endResourceAttributes().endSpec().build();
        return client.authorization().v1().subjectAccessReview().create(review).getStatus().getAllowed();
    }

    /**
     * A RoleBinding to a missing ClusterRole is accepted by Kubernetes and grants nothing: the environment says so, and
     * turns Ready once the role is installed, without being touched.
     */
    @Test
    void aMissingAccessRoleIsToldUntilTheRoleIsInstalled() {
        List<String> readyBefore = readyResources();
        try (KubernetesClient person = KubeApiServerResource.client()) {
            person.rbac().clusterRoles().withName("raffinerie-editor").withTimeout(Resources.TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .delete();
            try {
                DataEnvironment environment = client.resource(governed("env-roles")).serverSideApply();
                await().atMost(Resources.TIMEOUT).untilAsserted(() -> assertThat(ready(environment))
                        .extracting(Condition::getStatus, Condition::getReason).containsExactly("False", "AccessRoleMissing"));
                assertThat(ready(environment).getMessage())
                        .startsWith("access[1]: ClusterRole raffinerie-editor does not exist; install the environment roles")
                        .contains("kubectl apply -f operator/environment-roles.yaml");
                assertThat(client.rbac().roleBindings().inNamespace("env-roles").withName("raffinerie-editor-1").get())
                        .as("the binding is in place, for when the role comes").isNotNull();

                KubeApiServerResource.installEnvironmentRoles(person);

                await().atMost(Resources.TIMEOUT).untilAsserted(() -> assertThat(ready(environment))
                        .extracting(Condition::getStatus, Condition::getReason).containsExactly("True", "Provisioned"));
                assertThat(client.resource(environment).get().getMetadata().getGeneration()).isEqualTo(1L);
            } finally {
                KubeApiServerResource.installEnvironmentRoles(person);
            }
        }
        // What the missing role turned Ready=False elsewhere in the shared cluster is Ready again before the next test.
        await().atMost(Resources.TIMEOUT).untilAsserted(() -> assertThat(readyResources()).containsAll(readyBefore));
    }

    /** A RoleBinding the API server refuses makes the environment say which binding and which role. */
    @Test
    void aRefusedRoleBindingIsNamedWithItsRole() {
        try (KubernetesClient person = KubeApiServerResource.client(); LogCapture log = LogCapture.start()) {
            List<HasMetadata> policy = person.load(new ByteArrayInputStream(REFUSE_MANAGER_BINDINGS.getBytes(StandardCharsets.UTF_8)))
                    .items();
            DataEnvironment viewersOnly = governed("env-refused");
            viewersOnly.getSpec().access = List.of(access(AccessRole.viewer, "bob"));
            applyReady(viewersOnly);
            person.resourceList(policy).serverSideApply();
            try {
                await().atMost(Resources.TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> managerBindingRefused(person));
                DataEnvironment environment = client.resource(governed("env-refused")).serverSideApply();
                await().atMost(Resources.TIMEOUT).untilAsserted(() -> assertThat(ready(environment).getReason())
                        .isEqualTo("ProvisioningFailed"));
                assertThat(ready(environment).getMessage())
                        .contains("RoleBinding raffinerie-manager-0 to ClusterRole raffinerie-manager: ")
                        .contains("managers are granted by the security team");
                // The retried failure is a line in the operator's log, not a stack trace.
                await().atMost(Resources.TIMEOUT).until(() -> !log.lines(Level.WARNING, "environment env-refused: retrying with backoff: ")
                        .isEmpty());
                assertThat(log.lines(Level.WARNING, "environment env-refused: ")).allSatisfy(line -> assertThat(line)
                        .contains("RoleBinding raffinerie-manager-0 to ClusterRole raffinerie-manager: "));
                assertThat(log.withStackTrace()).isEmpty();
                person.resourceList(policy).delete();
                await().atMost(Resources.TIMEOUT).untilAsserted(() -> assertThat(ready(environment).getStatus()).isEqualTo("True"));
            } finally {
                person.resourceList(policy).delete();
            }
        }
    }

    private static final String REFUSE_MANAGER_BINDINGS = """
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicy
            metadata: {name: env-refused-managers}
            spec:
              failurePolicy: Fail
              matchConstraints:
                resourceRules:
                - {apiGroups: [rbac.authorization.k8s.io], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [rolebindings]}
              validations:
              - {expression: "object.roleRef.name != 'raffinerie-manager'", reason: Forbidden,
                 message: "managers are granted by the security team"}
            ---
            apiVersion: admissionregistration.k8s.io/v1
            kind: ValidatingAdmissionPolicyBinding
            metadata: {name: env-refused-managers}
            spec:
              policyName: env-refused-managers
              validationActions: [Deny]
              matchResources:
                namespaceSelector:
                  matchLabels: {kubernetes.io/metadata.name: env-refused}
            """;

    private static boolean managerBindingRefused(KubernetesClient person) {
        RoleBinding probe = new io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder()
                .withNewMetadata().withName("probe").withNamespace("env-refused").endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName("raffinerie-manager")
                .endRoleRef().build();
        try {
            person.resource(probe).dryRun().create();
            return false;
        } catch (KubernetesClientException e) {
            return e.getCode() == 403;
        }
    }

    private Condition ready(DataEnvironment environment) {
        DataEnvironment current = client.resource(environment).get();
        return Conditions.find(current.getStatus() == null ? null : current.getStatus().conditions, Conditions.READY)
                .orElseGet(Condition::new);
    }

    /** The environments, jobs and pipelines of the shared cluster that are Ready. */
    private List<String> readyResources() {
        return Stream.of(readyOf(DataEnvironment.class), readyOf(DataJob.class), readyOf(DataPipeline.class))
                .flatMap(names -> names).toList();
    }

    private <R extends CustomResource<?, ? extends Status>> Stream<String> readyOf(Class<R> type) {
        return client.resources(type).inAnyNamespace().list().getItems().stream()
                .filter(resource -> resource.getStatus() != null && Conditions.isTrue(resource.getStatus().conditions, Conditions.READY))
                .map(resource -> resource.getKind() + " " + resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName());
    }

    @Test
    void privilegedPodIsRefusedInTheEnvironment() {
        applyReady(governed("env-psa"));
        var privileged = new PodBuilder().withNewMetadata().withName("root").withNamespace("env-psa").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox")
                .withNewSecurityContext().withPrivileged(true).endSecurityContext().endContainer().endSpec().build();

        assertThatThrownBy(() -> client.resource(privileged).create()).isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("violates PodSecurity \"restricted:latest\"");
    }

    @Test
    void changesConvergeIncludingStrictToNoneAndBack() {
        DataEnvironment environment = applyReady(governed("env-change"));
        String ns = "env-change";

        edit(environment, spec -> {
            spec.access = List.of(access(AccessRole.viewer, "dave"));
            spec.quota.cpu = "4";
            spec.network.isolation = NetworkIsolation.None;
        });
        await().atMost(Resources.TIMEOUT).untilAsserted(() -> {
            assertThat(client.rbac().roleBindings().inNamespace(ns).list().getItems())
                    .filteredOn(EnvironmentObjects::isAccessBinding)
                    .extracting(RoleBinding::getSubjects).containsExactly(List.of(new io.fabric8.kubernetes.api.model.rbac.SubjectBuilder()
                            .withApiGroup("rbac.authorization.k8s.io").withKind("User").withName("dave").build()));
            assertThat(client.resourceQuotas().inNamespace(ns).withName(EnvironmentObjects.QUOTA).get().getSpec().getHard())
                    .containsEntry("cpu", new Quantity("4"));
            assertThat(client.network().v1().networkPolicies().inNamespace(ns).list().getItems()).isEmpty();
        });

        edit(environment, spec -> {
            spec.network.isolation = NetworkIsolation.Strict;
            spec.quota = null;
        });
        await().atMost(Resources.TIMEOUT).untilAsserted(() -> {
            assertThat(client.network().v1().networkPolicies().inNamespace(ns).list().getItems())
                    .extracting(p -> p.getMetadata().getName())
                    .containsExactlyInAnyOrder(EnvironmentObjects.ISOLATION_POLICY, EnvironmentObjects.EGRESS_POLICY,
                            EnvironmentObjects.SPARK_POLICY);
            assertThat(client.resourceQuotas().inNamespace(ns).withName(EnvironmentObjects.QUOTA).get()).isNull();
        });
    }
}

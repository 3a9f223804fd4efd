package io.raffinerie.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.raffinerie.model.environment.AccessRoles;
import io.raffinerie.model.environment.SecretReaderBinding;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install artifacts: the Helm chart (helm/raffinerie) and the plain manifests generated from it (operator/).
 * Runs the pinned helm ($HELM, else the one e2e/tools/build.sh built into ~/.cache/raffinerie); skipped when there
 * is none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstallManifestsIT {
    private static final Path CHART = Path.of("helm", "raffinerie");
    private static final Path OPERATOR_DIR = Path.of("operator");
    private static final String NAMESPACE = "raffinerie-system";
    private static final String OPERATOR = "raffinerie-operator";
    private static final String DASHBOARD = "raffinerie-dashboard";
    private static final Set<String> ENVIRONMENT_ROLES = Set.of("raffinerie-viewer", "raffinerie-editor", "raffinerie-manager",
            "raffinerie-spark-driver", "raffinerie-secret-reader");
    private static final List<String> ALL_FEATURES = List.of("--set", "serviceMonitor.enabled=true", "--set", "prometheusRule.enabled=true",
            "--set", "grafanaDashboard.enabled=true", "--set", "watchNamespaces={sales-dev,sales-prod}");
    private static final Pattern WILDCARD = Pattern.compile("\\*");
    /** What a Kubernetes 1.36 cluster serves, and older ones do not. */
    private static final String MUTATING_POLICIES = "admissionregistration.k8s.io/v1/MutatingAdmissionPolicy";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    /** What the operator does, as group|resource|verb[@resourceName]: nothing more, nothing less. */
    private static final Set<String> OPERATOR_PERMISSIONS = permissions(
            rule("raffinerie.io", "dataenvironments,datajobs,datapipelines", "get,list,watch,patch,update"),
            rule("raffinerie.io", "datajobs,datapipelines", "create,delete"),
            rule("raffinerie.io", "datapromotions", "get,list,watch,patch,update"),
            rule("raffinerie.io", "datapromotionapprovals", "get,list,watch"),
            rule("raffinerie.io", "datatechnologies", "get,list,watch"),
            rule("raffinerie.io", "dataruns", "get,list,watch,patch,update,create,delete"),
            rule("raffinerie.io", "datarevisions", "get,list,watch,create,delete"),
            rule("raffinerie.io", "dataenvironments/status,datajobs/status,datapipelines/status,dataruns/status,datatechnologies/status,datapromotions/status",
                    "get,patch,update"),
            rule("raffinerie.io", "dataenvironments/finalizers,dataruns/finalizers", "update"),
            rule("", "namespaces,configmaps,serviceaccounts,resourcequotas,limitranges", "get,list,watch,create,patch,update,delete"),
            rule("", "pods", "get,list,watch,patch,delete,deletecollection"),
            rule("", "pods/log", "get"),
            rule("", "events", "create,patch"),
            rule("batch", "jobs,cronjobs", "get,list,watch,create,patch,update,delete"),
            rule("networking.k8s.io", "networkpolicies", "get,list,watch,create,patch,update,delete"),
            rule("discovery.k8s.io", "endpointslices", "get", "kubernetes"),
            rule("rbac.authorization.k8s.io", "rolebindings", "get,list,watch,create,patch,update,delete"),
            rule("rbac.authorization.k8s.io", "clusterroles", "bind", ENVIRONMENT_ROLES.toArray(String[]::new)),
            rule("rbac.authorization.k8s.io", "clusterroles", "get,list,watch"));

    private String helm;
    private List<HasMetadata> defaults;
    private List<HasMetadata> allFeatures;

    @BeforeAll
    void renderChart() {
        helm = locateHelm().orElse(null);
        assumeTrue(helm != null, "no helm: set HELM or build the tools with e2e/tools/build.sh");
        defaults = parse(template(List.of("--include-crds", "--api-versions", MUTATING_POLICIES)).assertOk().output);
        allFeatures = parse(template(ALL_FEATURES).assertOk().output);
    }

    @Test
    void chartIsLintCleanEvenStrict() {
        for (List<String> extra : List.of(List.<String>of(), ALL_FEATURES)) {
            List<String> command = new ArrayList<>(List.of(helm, "lint", "--strict", CHART.toString()));
            command.addAll(extra);
            Result lint = run(command, Map.of()).assertOk();
            assertThat(lint.output).contains("1 chart(s) linted, 0 chart(s) failed")
                    .doesNotContain("[ERROR]").doesNotContain("[WARNING]").doesNotContain("[INFO]");
        }
    }

    @Test
    void chartDescribesItself() throws IOException {
        Map<String, Object> chart = yaml(CHART.resolve("Chart.yaml"));
        assertThat(chart).containsEntry("apiVersion", "v2").containsEntry("name", "raffinerie")
                .containsEntry("version", "0.1.0").containsEntry("appVersion", "0.1.0");
        assertThat(CHART.resolve("values.schema.json")).isRegularFile();
        assertThat(CHART.resolve("templates/NOTES.txt")).content().contains("kubectl get raffinerie -A").contains("kind: DataEnvironment");
    }

    @Test
    void defaultsRenderTheOperatorAndNothingOptional() {
        assertThat(kinds(defaults)).containsExactlyInAnyOrder(
                "CustomResourceDefinition/dataenvironments.raffinerie.io", "CustomResourceDefinition/datajobs.raffinerie.io",
                "CustomResourceDefinition/datapipelines.raffinerie.io", "CustomResourceDefinition/dataruns.raffinerie.io",
                "CustomResourceDefinition/datatechnologies.raffinerie.io", "CustomResourceDefinition/datarevisions.raffinerie.io",
                "CustomResourceDefinition/datapromotions.raffinerie.io", "CustomResourceDefinition/datapromotionapprovals.raffinerie.io",
                "DataTechnology/bash", "DataTechnology/container", "DataTechnology/java", "DataTechnology/python", "DataTechnology/spark",
                "ValidatingAdmissionPolicy/raffinerie-technology-lifecycle",
                "ValidatingAdmissionPolicyBinding/raffinerie-technology-lifecycle",
                "ValidatingAdmissionPolicy/raffinerie-promotion-identity",
                "ValidatingAdmissionPolicyBinding/raffinerie-promotion-identity",
                "MutatingAdmissionPolicy/raffinerie-promotion-requester",
                "MutatingAdmissionPolicyBinding/raffinerie-promotion-requester",
                "ServiceAccount/" + OPERATOR, "ClusterRole/" + OPERATOR, "ClusterRoleBinding/" + OPERATOR,
                "Role/" + OPERATOR + "-leader-election", "RoleBinding/" + OPERATOR + "-leader-election",
                "ClusterRole/raffinerie-viewer", "ClusterRole/raffinerie-editor", "ClusterRole/raffinerie-manager",
                "ClusterRole/raffinerie-spark-driver", "ClusterRole/raffinerie-secret-reader", "Deployment/" + OPERATOR,
                "Service/" + OPERATOR, "PodDisruptionBudget/" + OPERATOR, "NetworkPolicy/" + OPERATOR,
                "ServiceAccount/" + DASHBOARD, "ClusterRole/" + DASHBOARD, "ClusterRoleBinding/" + DASHBOARD,
                "Deployment/" + DASHBOARD, "Service/" + DASHBOARD, "Secret/" + DASHBOARD + "-session", "NetworkPolicy/" + DASHBOARD,
                "ValidatingAdmissionPolicy/raffinerie-secret-references",
                "ValidatingAdmissionPolicyBinding/raffinerie-secret-references",
                "ValidatingAdmissionPolicy/raffinerie-spark-pods", "ValidatingAdmissionPolicyBinding/raffinerie-spark-pods",
                "ValidatingAdmissionPolicy/raffinerie-spark-network-policies",
                "ValidatingAdmissionPolicyBinding/raffinerie-spark-network-policies");
        assertThat(kinds(allFeatures)).contains("ServiceMonitor/" + OPERATOR, "PrometheusRule/" + OPERATOR,
                "ConfigMap/raffinerie-dashboard");
    }

    @Test
    void everyNamespacedObjectIsInTheReleaseNamespace() {
        for (HasMetadata object : concat(defaults, allFeatures)) {
            boolean clusterScoped = Set.of("CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "Namespace",
                            "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "MutatingAdmissionPolicy",
                            "MutatingAdmissionPolicyBinding", "DataTechnology")
                    .contains(object.getKind());
            assertThat(object.getMetadata().getNamespace()).as(id(object))
                    .isEqualTo(clusterScoped ? null : NAMESPACE);
        }
    }

    @Test
    void typedObjectsHaveNoUnknownFields() {
        for (HasMetadata object : concat(defaults, allFeatures)) {
            if (object instanceof GenericKubernetesResource) {
                continue;
            }
            List<String> unknown = new ArrayList<>();
            collectUnknownFields(object, id(object), unknown);
            assertThat(unknown).as("fields the Kubernetes API does not know").isEmpty();
        }
    }

    @Test
    void noRoleHasAWildcard() throws IOException {
        List<HasMetadata> everything = concat(defaults, allFeatures, load(OPERATOR_DIR.resolve("install.yaml")),
                load(OPERATOR_DIR.resolve("environment-roles.yaml")));
        List<PolicyRule> rules = rules(everything, role -> true);
        assertThat(rules).hasSizeGreaterThan(20);
        for (PolicyRule rule : rules) {
            for (List<String> field : Arrays.asList(rule.getVerbs(), rule.getResources(), rule.getApiGroups(),
                    rule.getResourceNames(), rule.getNonResourceURLs())) {
                assertThat(field == null ? List.<String>of() : field).as(rule.toString())
                        .noneMatch(value -> WILDCARD.matcher(value).find());
            }
        }
    }

    @Test
    void bindOnlyTheEnvironmentRolesAndNeverEscalate() {
        List<PolicyRule> rules = rules(concat(defaults, allFeatures), role -> true);
        List<PolicyRule> binds = rules.stream().filter(rule -> rule.getVerbs().contains("bind")).toList();
        assertThat(binds).as("the operator binds the environment roles").isNotEmpty();
        for (PolicyRule bind : binds) {
            assertThat(bind.getVerbs()).containsExactly("bind");
            assertThat(bind.getApiGroups()).containsExactly("rbac.authorization.k8s.io");
            assertThat(bind.getResources()).containsExactly("clusterroles");
            assertThat(bind.getResourceNames()).containsExactlyInAnyOrderElementsOf(ENVIRONMENT_ROLES);
        }
        assertThat(rules).allSatisfy(rule -> assertThat(rule.getVerbs()).doesNotContain("escalate"));
        // The dashboard acts as its users: impersonation of identities only, and only with the dashboard on.
        assertThat(rules).filteredOn(rule -> rule.getVerbs().contains("impersonate")).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.getVerbs()).containsExactly("impersonate");
            assertThat(rule.getApiGroups()).containsExactly("");
            assertThat(rule.getResources()).containsExactly("users", "groups", "serviceaccounts");
        });
        List<HasMetadata> noDashboard = parse(template(List.of("--set", "dashboard.enabled=false")).assertOk().output);
        assertThat(rules(noDashboard, role -> true)).noneMatch(rule -> rule.getVerbs().contains("impersonate")
                || rule.getResources().contains("tokenreviews") || rule.getResources().contains("subjectaccessreviews"));
    }

    /**
     * No Secret right is installed for the operator: each environment binds raffinerie-secret-reader (get on secrets,
     * nothing else) to it in its own namespace (SecretReaderBinding), which the operator may bind without holding it.
     */
    @Test
    void theOperatorGetsSecretsOnlyThroughTheEnvironmentsSecretReaderRole() {
        assertThat(operatorRules(defaults)).noneMatch(rule -> rule.getResources().stream().anyMatch(resource -> resource.startsWith("secrets")));
        assertThat(operatorRules(allFeatures)).noneMatch(rule -> rule.getResources().stream().anyMatch(resource -> resource.startsWith("secrets")));
        ClusterRole reader = find(defaults, ClusterRole.class, SecretReaderBinding.ROLE);
        assertThat(permissions(reader.getRules())).containsExactly("|secrets|get");
        assertThat(reader.getMetadata().getLabels()).containsEntry(AccessRoles.COMPONENT_LABEL, AccessRoles.COMPONENT);
        assertThat(permissions(find(defaults, ClusterRole.class, OPERATOR).getRules()))
                .contains("rbac.authorization.k8s.io|clusterroles|bind@" + SecretReaderBinding.ROLE);
        var env = env(defaults).get("RAFFINERIE_SERVICE_ACCOUNT");
        assertThat(env.getValueFrom().getFieldRef().getFieldPath()).as("the binding's subject").isEqualTo("spec.serviceAccountName");
    }

    @Test
    void theOperatorClusterRoleIsExactlyWhatItUses() {
        ClusterRole role = find(defaults, ClusterRole.class, OPERATOR);
        assertThat(permissions(role.getRules())).containsExactlyInAnyOrderElementsOf(OPERATOR_PERMISSIONS);
        ClusterRoleBinding binding = find(defaults, ClusterRoleBinding.class, OPERATOR);
        assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(binding.getRoleRef().getName()).isEqualTo(OPERATOR);
        assertThat(binding.getSubjects()).singleElement().satisfies(this::isOperatorServiceAccount);
    }

    @Test
    void theLeaseRoleIsNamespacedAndNarrow() {
        Role role = find(defaults, Role.class, OPERATOR + "-leader-election");
        assertThat(role.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(permissions(role.getRules())).containsExactlyInAnyOrder(
                "coordination.k8s.io|leases|get", "coordination.k8s.io|leases|create", "coordination.k8s.io|leases|update",
                // fabric8's LeaseLock renews with a patch.
                "coordination.k8s.io|leases|patch");
        RoleBinding binding = find(defaults, RoleBinding.class, OPERATOR + "-leader-election");
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(this::isOperatorServiceAccount);
        assertThat(permissions(rules(defaults, r -> true))).as("leases appear in no other role")
                .filteredOn(permission -> permission.contains("leases")).hasSize(4);
    }

    /**
     * What the Quarkus Operator SDK derives from the code (@RBACRule, dependents) after `mvn package` must be in the
     * operator's ClusterRole. Its automatic rules for the primary resources (all verbs on x, x/status,
     * x/finalizers) are broader than needed and are checked by {@link #theOperatorClusterRoleIsExactlyWhatItUses}.
     */
    @Test
    void theClusterRoleCoversWhatTheCodeDeclares() throws IOException {
        Path generated = Path.of("target", "kubernetes", "kubernetes.yml");
        assumeTrue(Files.isRegularFile(generated), "no target/kubernetes/kubernetes.yml: run mvn package first");
        List<PolicyRule> declared = load(generated).stream()
                .filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
                .flatMap(role -> role.getRules().stream())
                .filter(rule -> !isPrimaryResourceRule(rule))
                .toList();
        assertThat(declared).isNotEmpty();
        Set<String> granted = permissions(find(defaults, ClusterRole.class, OPERATOR).getRules());
        // A grant without resourceNames covers the same verb on any name. QOSDK merges the @RBACRules of one group and
        // resource into one rule and keeps the resourceNames of one of them (clusterroles: bind on four names, get,
        // list and watch on all), so the generated rule restricts more than the code asks for; the chart does not.
        assertThat(permissions(declared)).allSatisfy(permission -> assertThat(granted)
                .containsAnyOf(permission, permission.replaceFirst("@.*", "")));
    }

    @Test
    void theEnvironmentRolesAreThoseOfOperatorEnvironmentRolesYaml() throws IOException {
        List<ClusterRole> standalone = load(OPERATOR_DIR.resolve("environment-roles.yaml")).stream()
                .map(ClusterRole.class::cast).toList();
        assertThat(standalone).extracting(role -> role.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(ENVIRONMENT_ROLES);
        for (ClusterRole expected : standalone) {
            ClusterRole rendered = find(defaults, ClusterRole.class, expected.getMetadata().getName());
            assertThat(rendered.getRules()).as(expected.getMetadata().getName()).isEqualTo(expected.getRules());
            // Applying both files never conflicts: the same rules, and the chart's labels agree with the file's.
            assertThat(rendered.getMetadata().getLabels()).containsAllEntriesOf(expected.getMetadata().getLabels());
            // The operator watches the environment roles by this label: without it, a role reads as missing.
            assertThat(expected.getMetadata().getLabels()).as(expected.getMetadata().getName())
                    .containsEntry(AccessRoles.COMPONENT_LABEL, AccessRoles.COMPONENT);
        }
    }

    @Test
    void theSecretReferencePolicyIsThatOfOperatorSecretReferencePolicyYaml() throws IOException {
        renderedAsInTheOperatorDirectory("secret-reference-policy.yaml");
    }

    @Test
    void thePromotionIdentityPolicyIsThatOfOperatorPromotionIdentityPolicyYaml() throws IOException {
        renderedAsInTheOperatorDirectory("promotion-identity-policy.yaml", "ValidatingAdmissionPolicy",
                "ValidatingAdmissionPolicyBinding", "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding");
    }

    /** Before Kubernetes 1.36 the requester is not filled in; the validating policy still refuses a false one. */
    @Test
    void anOlderClusterGetsNoMutatingPolicyButStillTheIdentityCheck() {
        List<String> kinds = kinds(parse(template(List.of()).assertOk().output));
        assertThat(kinds).contains("ValidatingAdmissionPolicy/raffinerie-promotion-identity")
                .doesNotContain("MutatingAdmissionPolicy/raffinerie-promotion-requester");
    }

    @Test
    void theSparkPodPolicyIsThatOfOperatorSparkPodPolicyYaml() throws IOException {
        renderedAsInTheOperatorDirectory("spark-pod-policy.yaml", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
                "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding");
    }

    @Test
    void theTechnologyLifecyclePolicyIsThatOfOperatorTechnologyLifecyclePolicyYamlAndOnlyWarns() throws IOException {
        renderedAsInTheOperatorDirectory("technology-lifecycle-policy.yaml");
        var binding = find(defaults, io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding.class,
                "raffinerie-technology-lifecycle");
        assertThat(binding.getSpec().getValidationActions()).containsExactly("Warn");
    }

    private void renderedAsInTheOperatorDirectory(String file, String... kinds) throws IOException {
        List<HasMetadata> standalone = load(OPERATOR_DIR.resolve(file));
        assertThat(standalone).extracting(HasMetadata::getKind).containsExactly(kinds.length > 0 ? kinds
                : new String[] {"ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding"});
        for (HasMetadata expected : standalone) {
            HasMetadata rendered = defaults.stream().filter(o -> o.getKind().equals(expected.getKind())
                    && o.getMetadata().getName().equals(expected.getMetadata().getName())).findFirst().orElseThrow();
            assertThat(rendered).as(expected.getKind()).isEqualTo(expected);
        }
    }

    @Test
    void theChartCrdsAreTheRepositoryCrds() throws IOException {
        List<String> top = fileNames(Path.of("crds"));
        assertThat(top).hasSize(8);
        assertThat(fileNames(CHART.resolve("crds"))).isEqualTo(top);
        for (String name : top) {
            assertThat(Files.mismatch(Path.of("crds", name), CHART.resolve("crds").resolve(name)))
                    .as("helm/raffinerie/crds/%s differs from crds/%s: run operator/generate.sh", name, name).isEqualTo(-1L);
        }
    }

    @Test
    void operatorDirectoryIsWhatGenerateShWrites(@TempDir Path out) throws IOException {
        run(List.of(OPERATOR_DIR.resolve("generate.sh").toString(), out.toString()), Map.of("HELM", helm)).assertOk();
        assertThat(fileNames(out)).containsExactlyInAnyOrder("install.yaml", "kustomization.yaml", "technologies.yaml");
        for (String name : fileNames(out)) {
            assertThat(Files.mismatch(out.resolve(name), OPERATOR_DIR.resolve(name)))
                    .as("operator/%s is stale: run operator/generate.sh", name).isEqualTo(-1L);
        }
        assertThat(fileNames(OPERATOR_DIR)).as("nothing else lies in operator/")
                .containsExactlyInAnyOrder("install.yaml", "kustomization.yaml", "generate.sh", "environment-roles.yaml",
                        "secret-reference-policy.yaml", "spark-pod-policy.yaml", "technologies.yaml",
                        "promotion-identity-policy.yaml",
                        "technology-lifecycle-policy.yaml");
        assertThat(kinds(load(OPERATOR_DIR.resolve("install.yaml")))).as("the catalog comes after the CRDs")
                .noneMatch(kind -> kind.startsWith("DataTechnology/"));
        assertThat(kinds(load(OPERATOR_DIR.resolve("technologies.yaml")))).containsExactly("DataTechnology/bash",
                "DataTechnology/container", "DataTechnology/java", "DataTechnology/python", "DataTechnology/spark");

        List<HasMetadata> installed = load(OPERATOR_DIR.resolve("install.yaml"));
        assertThat(installed.get(0)).isInstanceOf(io.fabric8.kubernetes.api.model.Namespace.class);
        assertThat(installed.get(0).getMetadata().getName()).isEqualTo(NAMESPACE);
        assertThat(installed.get(0).getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        // The session key is random: a published one would seal every installation's cookies alike. The catalog is
        // technologies.yaml, applied after the CRDs.
        assertThat(kinds(installed.subList(1, installed.size()))).containsExactlyInAnyOrderElementsOf(
                kinds(defaults).stream().filter(kind -> !kind.equals("Secret/" + DASHBOARD + "-session"))
                        .filter(kind -> !kind.startsWith("DataTechnology/")).toList());
    }

    @Test
    void kustomizeBuildsTheOperatorDirectory() throws IOException {
        Optional<String> kubectl = locateTool("kubernetes", "kubectl", "KUBECTL");
        assumeTrue(kubectl.isPresent(), "no kubectl");
        Result built = run(List.of(kubectl.get(), "kustomize", OPERATOR_DIR.toString()), Map.of()).assertOk();
        assertThat(kinds(parse(built.output))).containsExactlyInAnyOrderElementsOf(kinds(load(OPERATOR_DIR.resolve("install.yaml"))));
    }

    @Test
    void theDeploymentIsHardenedAndHighlyAvailable() throws IOException {
        Deployment deployment = find(defaults, Deployment.class, OPERATOR);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo(OPERATOR);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container container = pod.getContainers().get(0);
        assertThat(pod.getContainers()).hasSize(1);
        assertThat(container.getImage()).isEqualTo("ghcr.io/raffinerie/operator:" + yaml(CHART.resolve("Chart.yaml")).get("appVersion"));

        var security = container.getSecurityContext();
        assertThat(security.getRunAsNonRoot()).isTrue();
        assertThat(security.getReadOnlyRootFilesystem()).isTrue();
        assertThat(security.getAllowPrivilegeEscalation()).isFalse();
        assertThat(security.getPrivileged()).isNotEqualTo(Boolean.TRUE);
        assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getMountPath()).isEqualTo("/tmp");
            assertThat(pod.getVolumes()).anySatisfy(volume -> {
                assertThat(volume.getName()).isEqualTo(mount.getName());
                assertThat(volume.getEmptyDir()).isNotNull();
            });
        });

        assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("250m"))
                .containsEntry("memory", new Quantity("384Mi"));
        assertThat(container.getResources().getLimits()).containsEntry("cpu", new Quantity("1"))
                .containsEntry("memory", new Quantity("512Mi"));

        assertThat(container.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getContainerPort()).isEqualTo(8080);
        });
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");

        PodDisruptionBudget budget = find(defaults, PodDisruptionBudget.class, OPERATOR);
        assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(budget.getSpec().getSelector().getMatchLabels());

        List<HasMetadata> single = parse(template(List.of("--set", "replicas=1")).assertOk().output);
        assertThat(kinds(single)).noneMatch(kind -> kind.startsWith("PodDisruptionBudget/"));
    }

    @Test
    void theOperatorIsConfiguredThroughItsEnvironment() {
        Map<String, EnvVar> env = env(defaults);
        assertThat(env.get("POD_NAMESPACE").getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
        assertThat(env.get("QUARKUS_LOG_LEVEL").getValue()).isEqualTo("INFO");
        assertThat(env.get("QUARKUS_OPERATOR_SDK_NAMESPACES").getValue()).isEqualTo("JOSDK_ALL_NAMESPACES");
        assertThat(env.get("RAFFINERIE_LEADER_ELECTION_ENABLED").getValue()).isEqualTo("true");
        assertThat(env.get("RAFFINERIE_LEASE_NAME").getValue()).isEqualTo(OPERATOR);
        assertThat(env.get("RAFFINERIE_DASHBOARD_ENABLED").getValue()).as("the dashboard is its own Deployment").isEqualTo("false");
        assertThat(env).as("the catalog is DataTechnology objects, not a setting").doesNotContainKey("RAFFINERIE_TECHNOLOGIES");

        assertThat(env(allFeatures).get("QUARKUS_OPERATOR_SDK_NAMESPACES").getValue()).isEqualTo("sales-dev,sales-prod");

        List<HasMetadata> custom = parse(template(List.of("--set", "logLevel=DEBUG", "--set", "dashboard.enabled=false",
                "--set", "leaderElection.enabled=false", "--set", "technologies.spark=null", "--set-json",
                "technologies.r={\"launch\":\"Script\",\"interpreter\":[\"Rscript\"],\"defaultVersion\":\"4.4\","
                        + "\"versions\":[{\"name\":\"4.4\",\"image\":\"registry.example.com/r:4.4.2\"}]}"))
                .assertOk().output);
        assertThat(env(custom).get("QUARKUS_LOG_LEVEL").getValue()).isEqualTo("DEBUG");
        assertThat(env(custom).get("RAFFINERIE_DASHBOARD_ENABLED").getValue()).isEqualTo("false");
        assertThat(kinds(custom)).noneMatch(kind -> kind.endsWith("/" + DASHBOARD) || kind.endsWith("/" + DASHBOARD + "-session"));
        assertThat(env(custom).get("RAFFINERIE_LEADER_ELECTION_ENABLED").getValue()).isEqualTo("false");
        assertThat(kinds(custom)).noneMatch(kind -> kind.startsWith("Role/") || kind.startsWith("RoleBinding/"));
        assertThat(kinds(custom)).contains("DataTechnology/r", "DataTechnology/python").doesNotContain("DataTechnology/spark");
        assertThat(json(custom.stream().filter(o -> id(o).equals("DataTechnology/r")).findFirst().orElseThrow())
                .at("/spec/interpreter/0").asText()).isEqualTo("Rscript");
        assertThat(kinds(parse(template(List.of("--set", "installCatalog=false")).assertOk().output)))
                .noneMatch(kind -> kind.startsWith("DataTechnology/"));
    }

    @Test
    void theSchemaRefusesBadValues() {
        for (String bad : List.of("replicas=-1", "logLevel=LOUD", "unknownValue=1", "watchNamespaces={Not_A_Namespace}",
                "image.pullPolicy=Sometimes", "prometheusRule.noSuccessHours=0")) {
            Result result = template(List.of("--set", bad));
            assertThat(result.exitCode).as(bad).isNotZero();
            assertThat(result.output).as(bad).contains("values don't meet the specifications of the schema");
        }
    }

    @Test
    void metricsServiceAndOptionalMonitoring() throws IOException {
        Service service = find(defaults, Service.class, OPERATOR);
        assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getPort()).isEqualTo(8080);
        });
        Deployment deployment = find(defaults, Deployment.class, OPERATOR);
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(service.getSpec().getSelector());

        JsonNode monitor = json(find(allFeatures, GenericKubernetesResource.class, OPERATOR, "ServiceMonitor"));
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        assertThat(JSON.convertValue(monitor.at("/spec/selector/matchLabels"), Map.class)).isEqualTo(service.getSpec().getSelector());

        JsonNode rules = json(find(allFeatures, GenericKubernetesResource.class, OPERATOR, "PrometheusRule")).at("/spec/groups/0/rules");
        Map<String, String> alerts = new LinkedHashMap<>();
        rules.forEach(rule -> alerts.put(rule.get("alert").asText(), rule.get("expr").asText()));
        assertThat(alerts).containsOnlyKeys("RaffinerieRunFailed", "RaffinerieNoRecentSuccess");
        assertThat(alerts.get("RaffinerieRunFailed")).isEqualTo("increase(raffinerie_runs_total{outcome=\"Failed\"}[15m]) > 0");
        assertThat(alerts.get("RaffinerieNoRecentSuccess"))
                .isEqualTo("time() - raffinerie_last_success_timestamp_seconds > 26 * 3600");
        List<HasMetadata> windows = parse(template(List.of("--set", "prometheusRule.enabled=true", "--set",
                "prometheusRule.noSuccessHours=50", "--set", "prometheusRule.failedWindow=1h")).assertOk().output);
        String configured = json(find(windows, GenericKubernetesResource.class, OPERATOR, "PrometheusRule")).at("/spec/groups/0/rules").toString();
        assertThat(configured).contains("[1h]").contains("> 50 * 3600");

        ConfigMap dashboard = find(allFeatures, ConfigMap.class, "raffinerie-dashboard");
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        JsonNode rendered = readJson(dashboard.getData().get("raffinerie.json"));
        assertThat(rendered).isEqualTo(JSON.readTree(CHART.resolve("dashboards/raffinerie.json").toFile()));
        List<String> queries = rendered.findValues("expr").stream().map(JsonNode::asText).toList();
        for (String metric : List.of("raffinerie_runs_total", "raffinerie_run_duration_seconds_bucket",
                "raffinerie_step_transition_seconds_bucket", "raffinerie_step_duration_seconds_bucket", "raffinerie_runs_active", "raffinerie_last_success_timestamp_seconds",
                "reconciliations_started_total", "reconciliations_failure_total", "reconciliations_execution_duration_seconds_bucket")) {
            assertThat(queries).as(metric).anyMatch(query -> query.contains(metric));
        }
    }

    @Test
    void argoCdHealthChecksGiveTheExpectedStatus() {
        Path script = CHART.resolve("argocd/test.sh");
        for (String kind : List.of("DataEnvironment", "DataJob", "DataPipeline", "DataRun")) {
            assertThat(CHART.resolve("argocd/health-" + kind + ".lua")).isRegularFile();
        }
        assumeTrue(Stream.of("lua5.4", "lua5.3", "lua").anyMatch(InstallManifestsIT::onPath), "no Lua interpreter");
        Result result = run(List.of(script.toString()), Map.of()).assertOk();
        assertThat(result.output).contains(" 0 failed").contains("argocd-cm-patch.yaml embeds the four scripts")
                .doesNotContain("FAIL");
    }

    /** Issue 18: the operator's pods reach the API server, DNS and public webhook addresses, and are reached on http. */
    @Test
    void theOperatorsNetworkPolicyKeepsWebhooksOffTheClusterAndTheAllowanceIsPassedOn() {
        NetworkPolicy policy = find(defaults, NetworkPolicy.class, OPERATOR);
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(i -> assertThat(i.getPorts())
                .singleElement().satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http")));
        List<NetworkPolicyPeer> webhooks = policy.getSpec().getEgress().get(2).getTo();
        assertThat(webhooks.get(0).getIpBlock().getCidr()).isEqualTo("0.0.0.0/0");
        assertThat(webhooks.get(0).getIpBlock().getExcept()).contains("10.0.0.0/8", "127.0.0.0/8", "169.254.0.0/16",
                "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10");
        assertThat(webhooks.get(1).getIpBlock().getExcept()).contains("::/96", "fc00::/7", "fe80::/10");
        assertThat(env(defaults)).doesNotContainKey("RAFFINERIE_ALERTS_ALLOWED_DESTINATIONS");

        List<HasMetadata> allowing = parse(template(List.of("--set", "alerts.allowedDestinations={10.20.30.40/32,fd00:1::/64}",
                "--set", "alerts.deniedDestinations={203.0.113.0/24}", "--set", "networkPolicy.apiServer={192.0.2.10/32}"))
                .assertOk().output);
        assertThat(env(allowing).get("RAFFINERIE_ALERTS_ALLOWED_DESTINATIONS").getValue()).isEqualTo("10.20.30.40/32,fd00:1::/64");
        assertThat(env(allowing).get("RAFFINERIE_ALERTS_DENIED_DESTINATIONS").getValue()).isEqualTo("203.0.113.0/24");
        NetworkPolicy allowed = find(allowing, NetworkPolicy.class, OPERATOR);
        assertThat(allowed.getSpec().getEgress().get(0).getTo()).extracting(p -> p.getIpBlock().getCidr()).containsExactly("192.0.2.10/32");
        assertThat(allowed.getSpec().getEgress().get(2).getTo()).extracting(p -> p.getIpBlock().getCidr())
                .contains("10.20.30.40/32", "fd00:1::/64");
        NetworkPolicy dashboard = find(allowing, NetworkPolicy.class, DASHBOARD);
        assertThat(dashboard.getSpec().getEgress()).as("the dashboard reaches the API server and DNS, nothing else").hasSize(2);
        assertThat(dashboard.getSpec().getEgress().get(0).getTo()).extracting(p -> p.getIpBlock().getCidr()).containsExactly("192.0.2.10/32");
        assertThat(kinds(parse(template(List.of("--set", "networkPolicy.enabled=false")).assertOk().output)))
                .doesNotContain("NetworkPolicy/" + OPERATOR, "NetworkPolicy/" + DASHBOARD);
        Result bad = template(List.of("--set", "alerts.allowedDestinations={hooks.example.com}"));
        assertThat(bad.exitCode).isNotZero();
        assertThat(bad.output).contains("values don't meet the specifications of the schema");
    }

    /** The run archive: off by default; on, the operator gets its database, credentials and an egress rule to it. */
    @Test
    void theArchiveIsOffByDefaultAndOnItReachesItsDatabaseWithItsSecret() {
        assertThat(env(defaults)).doesNotContainKeys("RAFFINERIE_ARCHIVE_ENABLED", "RAFFINERIE_ARCHIVE_DATABASE_URL");
        assertThat(find(defaults, NetworkPolicy.class, OPERATOR).getSpec().getEgress()).hasSize(3);

        List<HasMetadata> on = parse(template(List.of("--set", "archive.enabled=true",
                "--set", "archive.database.url=jdbc:postgresql://postgres.data.svc:5432/raffinerie",
                "--set", "archive.database.credentialsSecret.name=archive-db",
                "--set", "archive.database.networkPolicyCidrs={10.96.0.0/12}")).assertOk().output);
        assertThat(env(on).get("RAFFINERIE_ARCHIVE_ENABLED").getValue()).isEqualTo("true");
        assertThat(env(on).get("RAFFINERIE_ARCHIVE_DATABASE_URL").getValue()).isEqualTo("jdbc:postgresql://postgres.data.svc:5432/raffinerie");
        assertThat(env(on).get("RAFFINERIE_ARCHIVE_DATABASE_PASSWORD").getValueFrom().getSecretKeyRef())
                .satisfies(ref -> assertThat(ref.getName() + "/" + ref.getKey()).isEqualTo("archive-db/password"));
        assertThat(env(on).get("RAFFINERIE_ARCHIVE_DATABASE_USER").getValueFrom().getSecretKeyRef().getKey()).isEqualTo("username");
        var database = find(on, NetworkPolicy.class, OPERATOR).getSpec().getEgress().get(3);
        assertThat(database.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getIntVal()).isEqualTo(5432));
        assertThat(database.getTo()).extracting(p -> p.getIpBlock().getCidr()).containsExactly("10.96.0.0/12");

        Result noUrl = template(List.of("--set", "archive.enabled=true"));
        assertThat(noUrl.exitCode).isNotZero();
        assertThat(noUrl.output).contains("archive.enabled needs archive.database.url");
        Result notPostgres = template(List.of("--set", "archive.database.url=mysql://db/raffinerie"));
        assertThat(notPostgres.exitCode).isNotZero();
        assertThat(notPostgres.output).contains("values don't meet the specifications of the schema");
    }

    // ---- helpers

    private Result template(List<String> extra) {
        List<String> command = new ArrayList<>(List.of(helm, "template", "raffinerie", CHART.toString(), "--namespace", NAMESPACE));
        command.addAll(extra);
        return run(command, Map.of());
    }

    static Optional<String> locateHelm() {
        return locateTool("helm", "helm", "HELM");
    }

    /** $VARIABLE, else the binary e2e/tools/build.sh built (without running a build from a unit test). */
    private static Optional<String> locateTool(String tool, String binary, String variable) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured);
        }
        try {
            String version = Files.readAllLines(Path.of("e2e", "tools", tool, "go.mod")).stream()
                    .map(line -> line.trim().split("\\s+"))
                    .filter(words -> words.length == 3 && words[0].equals("require"))
                    .map(words -> words[2])
                    .findFirst().orElse(null);
            String cache = Optional.ofNullable(System.getenv("RAFFINERIE_CACHE"))
                    .orElse(System.getProperty("user.home") + "/.cache/raffinerie");
            if (version == null || !Files.isDirectory(Path.of(cache))) {
                return Optional.empty();
            }
            try (Stream<Path> dirs = Files.list(Path.of(cache))) {
                return dirs.filter(dir -> dir.getFileName().toString().startsWith(tool + "-" + version + "-"))
                        .filter(dir -> Files.exists(dir.resolve(".complete")) && Files.isExecutable(dir.resolve(binary)))
                        .max(Comparator.comparing(InstallManifestsIT::modified))
                        .map(dir -> dir.resolve(binary).toString());
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long modified(Path path) {
        try {
            return Files.getLastModifiedTime(path).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }

    record Result(List<String> command, int exitCode, String output) {
        Result assertOk() {
            assertThat(exitCode).as("%s failed:%n%s", String.join(" ", command), output).isZero();
            return this;
        }
    }

    static Result run(List<String> command, Map<String, String> environment) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
            }
            return new Result(command, process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every object of a multi-document YAML stream; documents with only comments are skipped. */
    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            boolean empty = document.lines().map(String::trim).allMatch(line -> line.isEmpty() || line.startsWith("#"));
            if (!empty) {
                objects.add(KUBERNETES.unmarshal(document, HasMetadata.class));
            }
        }
        return objects;
    }

    private static List<HasMetadata> load(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        return KUBERNETES.unmarshal(Files.readString(file), Map.class);
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static JsonNode json(Object object) {
        return readJson(KUBERNETES.asJson(object));
    }

    @SafeVarargs
    private static List<HasMetadata> concat(List<HasMetadata>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }

    private static String id(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    private static List<String> kinds(List<HasMetadata> objects) {
        return objects.stream().map(InstallManifestsIT::id).toList();
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(object -> name.equals(object.getMetadata().getName()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    private static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> type, String name, String kind) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(object -> name.equals(object.getMetadata().getName()) && kind.equals(object.getKind()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static Map<String, EnvVar> env(List<HasMetadata> objects) {
        return find(objects, Deployment.class, OPERATOR).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, variable -> variable));
    }

    private static String annotation(List<HasMetadata> objects, String key) {
        return find(objects, Deployment.class, OPERATOR).getSpec().getTemplate().getMetadata().getAnnotations().get(key);
    }

    private static List<PolicyRule> rules(List<HasMetadata> objects, Predicate<HasMetadata> which) {
        List<PolicyRule> rules = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (object instanceof ClusterRole role && which.test(role) && role.getRules() != null) {
                rules.addAll(role.getRules());
            } else if (object instanceof Role role && which.test(role) && role.getRules() != null) {
                rules.addAll(role.getRules());
            }
        }
        return rules;
    }

    /** The rules of every role bound to the operator's ServiceAccount. */
    private List<PolicyRule> operatorRules(List<HasMetadata> objects) {
        Set<String> bound = new TreeSet<>();
        for (HasMetadata object : objects) {
            if (object instanceof ClusterRoleBinding binding && binding.getSubjects().stream().anyMatch(this::isOperator)) {
                bound.add(binding.getRoleRef().getKind() + "/" + binding.getRoleRef().getName());
            } else if (object instanceof RoleBinding binding && binding.getSubjects().stream().anyMatch(this::isOperator)) {
                bound.add(binding.getRoleRef().getKind() + "/" + binding.getRoleRef().getName());
            }
        }
        assertThat(bound).containsExactlyInAnyOrder("ClusterRole/" + OPERATOR, "Role/" + OPERATOR + "-leader-election");
        return rules(objects, role -> bound.contains(id(role)));
    }

    private boolean isOperator(Subject subject) {
        return "ServiceAccount".equals(subject.getKind()) && OPERATOR.equals(subject.getName()) && NAMESPACE.equals(subject.getNamespace());
    }

    private void isOperatorServiceAccount(Subject subject) {
        assertThat(subject.getKind()).isEqualTo("ServiceAccount");
        assertThat(subject.getName()).isEqualTo(OPERATOR);
        assertThat(subject.getNamespace()).isEqualTo(NAMESPACE);
    }

    /** QOSDK's automatic rule for a reconciler's primary resource: [x, x/status, x/finalizers]. */
    private static boolean isPrimaryResourceRule(PolicyRule rule) {
        List<String> resources = rule.getResources();
        return rule.getApiGroups().equals(List.of("raffinerie.io")) && resources.size() == 3
                && resources.get(1).equals(resources.get(0) + "/status") && resources.get(2).equals(resources.get(0) + "/finalizers");
    }

    private static PolicyRule rule(String group, String resources, String verbs, String... names) {
        return new PolicyRuleBuilder().withApiGroups(group).withResources(resources.split(",")).withVerbs(verbs.split(","))
                .withResourceNames(names).build();
    }

    private static Set<String> permissions(PolicyRule... rules) {
        return permissions(List.of(rules));
    }

    /** group|resource|verb, or group|resource|verb@name for each resource name. */
    static Set<String> permissions(Collection<PolicyRule> rules) {
        Set<String> permissions = new TreeSet<>();
        for (PolicyRule rule : rules) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        String permission = group + "|" + resource + "|" + verb;
                        if (rule.getResourceNames() == null || rule.getResourceNames().isEmpty()) {
                            permissions.add(permission);
                        } else {
                            rule.getResourceNames().forEach(name -> permissions.add(permission + "@" + name));
                        }
                    }
                }
            }
        }
        return permissions;
    }

    /** Fields that landed in a Kubernetes model object's additionalProperties: misspelt or misplaced keys. */
    private static void collectUnknownFields(Object value, String path, List<String> unknown) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                collectUnknownFields(item, path + "[" + index++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> collectUnknownFields(item, path + "." + key, unknown));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")
                    || getter.getDeclaringClass().isInterface()) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties") && field instanceof Map<?, ?> extra) {
                if (!extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                collectUnknownFields(field, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }
}

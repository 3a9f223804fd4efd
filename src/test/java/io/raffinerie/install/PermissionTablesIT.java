package io.raffinerie.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The chart README's permission tables are the chart's RBAC, row for row: every permission of a chart ServiceAccount
 * (through any ClusterRole or Role bound to it) is documented, and every documented one is granted. The operator
 * cannot impersonate, the dashboard cannot read Secrets, and the dashboard runs apart, hardened, with its keys from
 * Secrets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionTablesIT {
    private static final Path CHART = Path.of("helm", "raffinerie");
    private static final String NAMESPACE = "raffinerie-system";
    private static final String OPERATOR = "raffinerie-operator";
    private static final String DASHBOARD = "raffinerie-dashboard";
    private static final String SECRET_READER = "raffinerie-secret-reader";

    private String helm;
    private List<HasMetadata> rendered;
    private String readme;

    @BeforeAll
    void renderChart() throws IOException {
        helm = InstallManifestsIT.locateHelm().orElse(null);
        assumeTrue(helm != null, "no helm: set HELM or build the tools with e2e/tools/build.sh");
        rendered = template("--set", "serviceMonitor.enabled=true", "--set", "prometheusRule.enabled=true",
                "--set", "dashboard.proxyAuth.enabled=true", "--set", "dashboard.proxyAuth.secretName=oauth2-proxy-shared");
        readme = Files.readString(CHART.resolve("README.md"));
    }

    @Test
    void theOperatorsTableIsItsRbac() {
        assertThat(granted(OPERATOR)).as("what the chart grants raffinerie-operator (left) against the README's table")
                .containsExactlyInAnyOrderElementsOf(documented("ServiceAccount `" + OPERATOR + "`"));
    }

    /** What each environment grants the operator in its namespace (SecretReaderBinding): the role's rules. */
    @Test
    void theEnvironmentTableIsTheSecretReaderRole() {
        Set<String> role = new TreeSet<>();
        InstallManifestsIT.permissions(find(ClusterRole.class, SECRET_READER).getRules()).forEach(p -> role.add("environment|" + p));
        assertThat(role).containsExactly("environment||secrets|get");
        assertThat(role).as("raffinerie-secret-reader (left) against the README's table")
                .containsExactlyInAnyOrderElementsOf(documented("In each environment's namespace only"));
    }

    @Test
    void theDashboardsTableIsItsRbac() {
        assertThat(granted(DASHBOARD)).as("what the chart grants raffinerie-dashboard (left) against the README's table")
                .containsExactlyInAnyOrderElementsOf(documented("ServiceAccount `" + DASHBOARD + "`"));
    }

    @Test
    void onlyTheChartsServiceAccountsAreBound() {
        Set<String> subjects = new TreeSet<>();
        for (HasMetadata object : rendered) {
            List<Subject> bound = object instanceof ClusterRoleBinding b ? b.getSubjects()
                    : object instanceof RoleBinding b ? b.getSubjects() : List.of();
            bound.forEach(subject -> subjects.add(subject.getKind() + "/" + subject.getNamespace() + "/" + subject.getName()));
        }
        assertThat(subjects).as("every subject has its table").containsExactlyInAnyOrder(
                "ServiceAccount/" + NAMESPACE + "/" + OPERATOR, "ServiceAccount/" + NAMESPACE + "/" + DASHBOARD);
    }

    @Test
    void theOperatorCannotImpersonateAndTheDashboardReadsNoSecret() {
        assertThat(granted(OPERATOR)).noneMatch(p -> p.contains("|impersonate") || p.contains("tokenreviews")
                || p.contains("subjectaccessreviews"));
        assertThat(granted(OPERATOR)).as("Secrets only through each environment's raffinerie-secret-reader binding")
                .noneMatch(p -> p.contains("|secrets|"))
                .contains("cluster|rbac.authorization.k8s.io|clusterroles|bind@" + SECRET_READER);
        assertThat(granted(DASHBOARD)).noneMatch(p -> p.contains("|secrets|") || p.contains("|pods") || p.contains("|create") && !p.contains("reviews|"));
    }

    @Test
    void securityMdNamesEveryResourceEitherServiceAccountHolds() throws IOException {
        String security = Files.readString(Path.of("SECURITY.md"));
        Set<String> resources = new TreeSet<>();
        for (String permission : concat(granted(OPERATOR), granted(DASHBOARD))) {
            resources.add(permission.split("\\|")[2]);
        }
        assertThat(resources).allSatisfy(resource -> assertThat(security).as("SECURITY.md names " + resource).contains(resource));
        assertThat(security).contains("PermissionTablesIT");
    }

    @Test
    void theDashboardRunsApartWithNoReconcilerHardenedAndItsKeysFromSecrets() {
        Deployment deployment = find(Deployment.class, DASHBOARD);
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo(DASHBOARD);
        Container container = pod.getContainers().get(0);
        Map<String, EnvVar> env = container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, v -> v));
        assertThat(env.get("QUARKUS_PROFILE").getValue()).isEqualTo("dashboard");
        assertThat(env.get("RAFFINERIE_DASHBOARD_ENABLED").getValue()).isEqualTo("true");
        var sessionKey = env.get("RAFFINERIE_DASHBOARD_SESSION_KEY").getValueFrom().getSecretKeyRef();
        assertThat(sessionKey.getName()).isEqualTo(DASHBOARD + "-session");
        assertThat(find(io.fabric8.kubernetes.api.model.Secret.class, sessionKey.getName()).getData()).containsKey(sessionKey.getKey());
        var proxySecret = env.get("RAFFINERIE_DASHBOARD_PROXY_AUTH_SECRET").getValueFrom().getSecretKeyRef();
        assertThat(proxySecret.getName()).isEqualTo("oauth2-proxy-shared");
        assertThat(proxySecret.getOptional()).as("proxy sign-in never starts without its secret").isNotEqualTo(Boolean.TRUE);
        assertThat(env.get("RAFFINERIE_DASHBOARD_REFUSED_GROUPS").getValue()).startsWith("system:masters,");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();

        Map<String, String> dashboardPods = deployment.getSpec().getTemplate().getMetadata().getLabels();
        Map<String, String> operatorPods = find(Deployment.class, OPERATOR).getSpec().getTemplate().getMetadata().getLabels();
        assertThat(dashboardPods).containsAllEntriesOf(find(Service.class, DASHBOARD).getSpec().getSelector());
        assertThat(operatorPods.entrySet().containsAll(find(Service.class, DASHBOARD).getSpec().getSelector().entrySet()))
                .as("the dashboard's Service never reaches the operator").isFalse();
        assertThat(dashboardPods.entrySet().containsAll(find(Service.class, OPERATOR).getSpec().getSelector().entrySet()))
                .as("the operator's Service never reaches the dashboard").isFalse();

        var refused = InstallManifestsIT.run(List.of(helm, "template", "raffinerie", CHART.toString(), "--set",
                "dashboard.proxyAuth.enabled=true"), Map.of());
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("dashboard.proxyAuth.enabled needs dashboard.proxyAuth.secretName");
    }

    @Test
    void theSchemaRefusesBadDashboardValues() {
        for (String bad : List.of("dashboard.refusedGroups={a*b}", "dashboard.refusedUsers={a,b*c}", "dashboard.unknown=1",
                "dashboard.proxyAuth.secretHeader=bad header", "dashboard.sessionKey.secretName=Not_A_Name",
                "dashboard.resources.requests.cpu=lots")) {
            var result = InstallManifestsIT.run(List.of(helm, "template", "raffinerie", CHART.toString(), "--set", bad), Map.of());
            assertThat(result.exitCode()).as(bad).isNotZero();
            assertThat(result.output()).as(bad).contains("values don't meet the specifications of the schema");
        }
    }

    // ---- the rendered RBAC and the documented one, as scope|group|resource|verb[@name]

    /** The permissions of every ClusterRole and Role bound to the ServiceAccount. */
    private Set<String> granted(String serviceAccount) {
        Set<String> permissions = new TreeSet<>();
        for (HasMetadata object : rendered) {
            RoleRef ref = null;
            List<Subject> subjects = List.of();
            if (object instanceof ClusterRoleBinding binding) {
                ref = binding.getRoleRef();
                subjects = binding.getSubjects();
            } else if (object instanceof RoleBinding binding) {
                ref = binding.getRoleRef();
                subjects = binding.getSubjects();
            }
            if (ref == null || subjects.stream().noneMatch(s -> "ServiceAccount".equals(s.getKind())
                    && serviceAccount.equals(s.getName()) && NAMESPACE.equals(s.getNamespace()))) {
                continue;
            }
            String scope = ref.getKind().equals("ClusterRole") && object instanceof ClusterRoleBinding ? "cluster" : "namespace";
            List<PolicyRule> rules = ref.getKind().equals("ClusterRole") ? find(ClusterRole.class, ref.getName()).getRules()
                    : find(Role.class, ref.getName()).getRules();
            InstallManifestsIT.permissions(rules).forEach(permission -> permissions.add(scope + "|" + permission));
        }
        assertThat(permissions).as(serviceAccount + " is bound to something").isNotEmpty();
        return permissions;
    }

    /** The rows of the README table that follows the line starting with {@code heading}. */
    private Set<String> documented(String heading) {
        List<String> lines = readme.lines().toList();
        int start = lines.stream().filter(line -> line.startsWith(heading)).findFirst().map(lines::indexOf)
                .orElseThrow(() -> new AssertionError("helm/raffinerie/README.md has no line starting with " + heading));
        Set<String> permissions = new TreeSet<>();
        boolean inTable = false;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            String[] cells = line.split("\\|", -1);
            String scope = cells[1].trim();
            if (scope.equals("scope") || scope.startsWith("---")) {
                continue;
            }
            String group = cells[2].trim().replace("`", "");
            group = group.equals("core") ? "" : group;
            List<String> names = words(cells[4]);
            for (String resource : words(cells[3])) {
                for (String verb : words(cells[5])) {
                    String permission = scope + "|" + group + "|" + resource + "|" + verb;
                    if (names.isEmpty()) {
                        permissions.add(permission);
                    } else {
                        names.forEach(name -> permissions.add(permission + "@" + name));
                    }
                }
            }
        }
        assertThat(permissions).as("the table after " + heading).isNotEmpty();
        return permissions;
    }

    private static List<String> words(String cell) {
        List<String> words = new ArrayList<>();
        for (String word : cell.replace("`", "").split("[,\\s]+")) {
            if (!word.isBlank()) {
                words.add(word);
            }
        }
        return words;
    }

    private List<HasMetadata> template(String... values) {
        List<String> command = new ArrayList<>(List.of(helm, "template", "raffinerie", CHART.toString(), "--namespace", NAMESPACE));
        command.addAll(List.of(values));
        return InstallManifestsIT.parse(InstallManifestsIT.run(command, Map.of()).assertOk().output());
    }

    private <T extends HasMetadata> T find(Class<T> type, String name) {
        return rendered.stream().filter(type::isInstance).map(type::cast).filter(o -> name.equals(o.getMetadata().getName()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    private static Set<String> concat(Set<String> a, Set<String> b) {
        Set<String> both = new TreeSet<>(a);
        both.addAll(b);
        return both;
    }
}

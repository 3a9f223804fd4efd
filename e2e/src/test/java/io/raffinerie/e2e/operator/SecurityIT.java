package io.raffinerie.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.ExecResult;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.PlantedSecrets;
import io.raffinerie.e2e.harness.Raffinerie;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Confused-deputy attacks: a namespace editor tries to make the operator, which has more rights, act beyond the
 * editor's own reach. Every attempt must fail, at admission or by RBAC.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityIT {
    static final String NS = "e2e-security";
    static final String EDITOR = "eve@example.com";
    static final String MANAGER = "mona@example.com";
    static final String PASSWORD = "s3cret-db-pa55word-7d41";

    final Cluster cluster = Cluster.get();
    final Raffinerie raffinerie = new Raffinerie(cluster);
    final List<String> refused = new ArrayList<>();

    @BeforeAll
    void environmentWithAnEditorAndAManager() {
        Operator.shared();
        raffinerie.environment(NS, """
                access:
                  - {role: editor, users: [%s]}
                  - {role: manager, users: [%s]}
                """.formatted(EDITOR, MANAGER));
        PlantedSecrets.create(cluster, NS, "db", "password", PASSWORD);
        // RoleBindings are made by the operator; wait until the editor's rights are in place.
        Raffinerie.eventually(() -> assertThat(asUser(EDITOR, null, "auth", "can-i", "create", "datajobs", "-n", NS).stdout())
                .contains("yes"));
    }

    @AfterAll
    void report() {
        assertThat(PlantedSecrets.scanNamespace(cluster, NS)).isEmpty();
        raffinerie.deleteEnvironment(NS);
        try {
            Files.createDirectories(cluster.e2eDir().resolve("target"));
            Files.writeString(cluster.e2eDir().resolve("target/attacks.txt"),
                    refused.size() + " attacks tried, " + refused.size() + " refused:\n" + String.join("\n", refused) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ExecResult asUser(String user, String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("--as=" + user));
        command.addAll(List.of(args));
        return stdin == null ? cluster.kubectl(command.toArray(String[]::new))
                : cluster.kubectlWithInput(stdin, command.toArray(String[]::new));
    }

    /** The editor applies {@code yaml}; it must be refused with a message containing {@code expected}. */
    private void refusedForEditor(String attack, String yaml, String expected) {
        ExecResult result = asUser(EDITOR, yaml, "apply", "--server-side", "-f", "-");
        assertThat(result.exitCode()).as(attack + ": " + result.stdout()).isNotZero();
        assertThat(result.stderr()).as(attack).contains(expected);
        refused.add(attack + " -> " + result.stderr().lines().filter(l -> !l.isBlank()).findFirst().orElse(""));
    }

    private static String job(String name, String extra) {
        return """
                apiVersion: raffinerie.io/v1alpha1
                kind: DataJob
                metadata: {name: %s, namespace: %s}
                spec:
                  technology: bash
                  script: echo "$PASSWORD" | base64
                %s
                """.formatted(name, NS, extra.indent(2));
    }

    @Test
    void anEditorCannotUseASecretItMayNotRead() {
        String usesTheSecret = job("exfiltrate", "env: [{name: PASSWORD, secretKeyRef: {name: db, key: password}}]");
        refusedForEditor("editor names a Secret in a job's env", usesTheSecret, "you may not read every Secret this DataJob names (db)");
        refusedForEditor("editor names a Secret as an alert URL", job("exfiltrate-alert",
                "alerts: [{events: [Failed], webhook: {urlSecretRef: {name: db, key: password}}}]"), "you may not read every Secret");
        // The policy is about the user's reach, not a blanket ban: the manager may read the Secret, so may use it.
        assertThat(asUser(MANAGER, usesTheSecret, "apply", "--server-side", "-f", "-").exitCode()).isZero();
        // ... and the editor may not change the manager's job to print it either.
        ExecResult edit = asUser(EDITOR, null, "-n", NS, "patch", "datajob", "exfiltrate", "--type=merge",
                "-p", "{\"spec\":{\"script\":\"echo $PASSWORD\"}}");
        assertThat(edit.exitCode()).isNotZero();
        assertThat(edit.stderr()).contains("you may not read every Secret");
        refused.add("editor edits a manager's job that uses a Secret -> " + edit.stderr().strip());
    }

    @Test
    void anEditorCannotGetAPrivilegedPodAHostPathAnotherServiceAccountOrLooserConfinement() {
        refusedForEditor("privileged container", job("privileged", "securityContext: {privileged: true}"), "field not declared in schema");
        refusedForEditor("hostPath volume", job("host", "volumes: [{name: root, hostPath: {path: /}}]"), "field not declared in schema");
        refusedForEditor("another ServiceAccount", job("sa", "serviceAccountName: default"), "field not declared in schema");
        refusedForEditor("host network", job("net", "hostNetwork: true"), "field not declared in schema");
        refusedForEditor("unconfined AppArmor", job("apparmor",
                "podMetadata: {annotations: {container.apparmor.security.beta.kubernetes.io/main: unconfined}}"),
                "AppArmor and seccomp annotations are not allowed");

        // What the editor may do runs as the environment's runner, confined, without an API token.
        assertThat(asUser(EDITOR, job("plain", "script: echo fine"), "apply", "--server-side", "-f", "-").exitCode()).isZero();
        raffinerie.awaitReady("DataJob", NS, "plain");
        assertThat(asUser(EDITOR, """
                apiVersion: raffinerie.io/v1alpha1
                kind: DataRun
                metadata: {name: plain-1, namespace: %s}
                spec: {jobRef: plain}
                """.formatted(NS), "create", "-f", "-").exitCode()).isZero();
        raffinerie.awaitPhase(NS, "plain-1", "Succeeded");
        Pod pod = cluster.client().pods().inNamespace(NS).withLabel("raffinerie.io/run", "plain-1").list().getItems().get(0);
        assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("raffinerie-runner");
        assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(pod.getSpec().getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getSpec().getVolumes()).noneMatch(v -> v.getHostPath() != null);
        assertThat(pod.getSpec().getContainers()).allSatisfy(c -> {
            assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(c.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);
            assertThat(c.getSecurityContext().getCapabilities().getDrop()).contains("ALL");
        });
    }

    /**
     * Someone trusted to create environments, and nothing else, may not use one to take over a namespace: the
     * cluster's, the operator's, or one another team created. Each claim is refused or left Ready=False, and the
     * operator binds them to nothing there.
     */
    @Test
    void anEnvironmentCreatorCannotTakeOverANamespaceItDoesNotOwn() {
        String creator = "pat@example.com";
        cluster.kubectlWithInput("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata: {name: e2e-environment-creator}
                rules: [{apiGroups: [raffinerie.io], resources: [dataenvironments], verbs: [get, list, watch, create, patch, delete]}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: e2e-environment-creator}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: e2e-environment-creator}
                subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: %s}]
                """.formatted(creator), "apply", "--server-side", "-f", "-").assertOk();
        cluster.kubectl("create", "namespace", "e2e-other-team").assertOk();
        try {
            String claim = """
                    apiVersion: raffinerie.io/v1alpha1
                    kind: DataEnvironment
                    metadata: {name: %s}
                    spec: {namespace: %s, access: [{role: manager, users: [%s]}]}
                    """;
            ExecResult system = asUser(creator, claim.formatted("grab-system", "kube-system", creator), "apply", "--server-side", "-f", "-");
            assertThat(system.exitCode()).isNotZero();
            assertThat(system.stderr()).contains("spec.namespace");
            refused.add("an environment creator claims kube-system -> " + system.stderr().lines().findFirst().orElse(""));
            for (String[] target : new String[][] {{"grab-operator", "raffinerie-system"}, {"grab-other", "e2e-other-team"}}) {
                assertThat(asUser(creator, claim.formatted(target[0], target[1], creator), "apply", "--server-side", "-f", "-")
                        .exitCode()).isZero();
                Map<String, Object> ready = readyCondition(raffinerie.await("DataEnvironment", null, target[0],
                        e -> Raffinerie.readyStatus(e) != null));
                assertThat(ready).as(target[1]).containsEntry("status", "False");
                assertThat(ready).as(target[1]).containsEntry("reason", "NamespaceConflict");
                assertThat(cluster.client().rbac().roleBindings().inNamespace(target[1]).list().getItems())
                        .as("nothing bound in " + target[1]).noneMatch(b -> b.getSubjects().stream().anyMatch(x -> creator.equals(x.getName())));
                refused.add("an environment creator claims " + target[1] + " -> Ready=False NamespaceConflict: " + ready.get("message"));
            }
            assertThat(cluster.client().namespaces().withName("e2e-other-team").get().getMetadata().getLabels())
                    .as("the other team's namespace is untouched").doesNotContainKey("raffinerie.io/environment");
        } finally {
            raffinerie.kind("DataEnvironment").withName("grab-operator").delete();
            raffinerie.kind("DataEnvironment").withName("grab-other").delete();
            cluster.kubectl("delete", "namespace", "e2e-other-team", "--wait=false");
            cluster.kubectl("delete", "clusterrolebinding,clusterrole", "e2e-environment-creator");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readyCondition(io.fabric8.kubernetes.api.model.GenericKubernetesResource environment) {
        return ((List<Map<String, Object>>) Raffinerie.status(environment).get("conditions")).stream()
                .filter(c -> "Ready".equals(c.get("type"))).findFirst().orElseThrow();
    }

    @Test
    void anEditorCannotReachAnotherNamespaceOrGrantItselfRights() {
        refusedForEditor("a run of another namespace's job", """
                apiVersion: raffinerie.io/v1alpha1
                kind: DataRun
                metadata: {name: cross-1, namespace: %s}
                spec: {jobRef: kube-system/job}
                """.formatted(NS), "spec.jobRef");
        refusedForEditor("a pipeline step on another namespace's job", """
                apiVersion: raffinerie.io/v1alpha1
                kind: DataPipeline
                metadata: {name: cross, namespace: %s}
                spec:
                  steps: [{name: a, jobRef: other/job}]
                """.formatted(NS), "jobRef");
        refusedForEditor("an environment claiming kube-system", """
                apiVersion: raffinerie.io/v1alpha1
                kind: DataEnvironment
                metadata: {name: grab}
                spec: {namespace: kube-system, access: [{role: manager, users: [%s]}]}
                """.formatted(EDITOR), "forbidden");
        refusedForEditor("a RoleBinding to cluster-admin", """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: grab, namespace: %s}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
                subjects: [{kind: User, name: %s}]
                """.formatted(NS, EDITOR), "forbidden");
        refusedForEditor("a pod of its own", """
                apiVersion: v1
                kind: Pod
                metadata: {name: grab, namespace: %s}
                spec: {containers: [{name: main, image: busybox}]}
                """.formatted(NS), "forbidden");
        ExecResult secrets = asUser(EDITOR, null, "-n", NS, "get", "secret", "db");
        assertThat(secrets.exitCode()).isNotZero();
        refused.add("read the Secret directly -> " + secrets.stderr().strip());
    }
}

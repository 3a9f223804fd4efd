package io.raffinerie.e2e.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.ExecResult;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.PlantedSecrets;
import io.raffinerie.e2e.harness.Raffinerie;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        return cluster.kubectlAs(user, stdin, args);
    }

    /** The editor applies {@code yaml}; it must be refused with a message containing {@code expected}. */
    private void refusedForEditor(String attack, String yaml, String expected) {
        ExecResult result = asUser(EDITOR, yaml, "apply", "--server-side", "-f", "-");
        assertThat(result.exitCode()).as(attack + ": " + result.stdout()).isNotZero();
        assertThat(result.stderr()).as(attack).contains(expected);
        refused.add(attack + " -> " + result.stderr().lines().filter(l -> !l.isBlank()).findFirst().orElse(""));
    }

    /** The editor starts a run of a job. */
    private void runAsEditor(String run, String job) {
        assertThat(asUser(EDITOR, """
                apiVersion: raffinerie.io/v1alpha1
                kind: DataRun
                metadata: {name: %s, namespace: %s}
                spec: {jobRef: %s}
                """.formatted(run, NS, job), "create", "-f", "-").exitCode()).isZero();
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
        runAsEditor("plain-1", "plain");
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

    // issue 18: dashboard identity

    static final String SYSTEM = "raffinerie-system";
    static final String PROXY_SECRET = "e2e-proxy-shared-secret-5c2e";
    static final String OPERATOR_ACCOUNT = "system:serviceaccount:" + SYSTEM + ":raffinerie-operator";
    static final String DASHBOARD_ACCOUNT = "system:serviceaccount:" + SYSTEM + ":raffinerie-dashboard";
    final List<String> appliedRbac = new ArrayList<>();
    Operator dashboard;

    /**
     * The chart's two identities, as operator/install.yaml defines them (ServiceAccounts, ClusterRoles, bindings), and
     * the dashboard as the chart runs it: a process of its own (profile dashboard, no reconciler) whose only
     * credential is the dashboard ServiceAccount's token, with proxy sign-in and its shared secret.
     */
    private Operator dashboard() throws IOException {
        if (dashboard != null) {
            return dashboard;
        }
        cluster.kubectl("create", "namespace", SYSTEM);
        List<HasMetadata> install;
        try (var in = Files.newInputStream(cluster.e2eDir().getParent().resolve("operator/install.yaml"))) {
            install = cluster.client().load(in).items();
        }
        for (HasMetadata object : install) {
            boolean ours = Set.of("raffinerie-operator", "raffinerie-dashboard").contains(object.getMetadata().getName())
                    && Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding").contains(object.getKind());
            String id = object.getKind() + "/" + object.getMetadata().getName();
            if (ours && cluster.kubectl("-n", SYSTEM, "get", id).exitCode() != 0) {
                cluster.client().resource(object).serverSideApply();
                appliedRbac.add(id);
            }
        }
        dashboard = Operator.separate(cluster, Operator.separatePort(18),
                cluster.serviceAccountKubeconfig(SYSTEM, "raffinerie-dashboard"), Map.of("QUARKUS_PROFILE", "dashboard",
                        "RAFFINERIE_DASHBOARD_PROXY_AUTH_ENABLED", "true", "RAFFINERIE_DASHBOARD_PROXY_AUTH_SECRET", PROXY_SECRET,
                        "RAFFINERIE_DASHBOARD_SESSION_KEY", "e2e-session-key-of-the-security-suite-0123456789"));
        dashboard.start();
        return dashboard;
    }

    @AfterAll
    void stopTheDashboardAndRemoveItsRbac() {
        if (dashboard != null) {
            dashboard.stop();
        }
        for (String id : appliedRbac) {
            cluster.kubectl("-n", SYSTEM, "delete", id, "--ignore-not-found");
        }
    }

    private HttpResponse<String> toDashboard(String method, String path, String form, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(dashboard().baseUrl() + path)).timeout(Duration.ofSeconds(20))
                .method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The message of a dashboard error page. */
    private static String said(HttpResponse<String> response) {
        java.util.regex.Matcher message = java.util.regex.Pattern.compile("<p class=\"problem\"[^>]*>([^<]+)</p>").matcher(response.body());
        return response.statusCode() + " " + (message.find() ? message.group(1).replace("&#39;", "'") : response.body().strip());
    }

    @Test
    void theOperatorsAccountCannotImpersonateAndTheDashboardsCannotReadSecrets() throws Exception {
        dashboard();
        ExecResult canI = cluster.kubectl("auth", "can-i", "impersonate", "groups/system:masters", "--as=" + OPERATOR_ACCOUNT);
        assertThat(canI.stdout().strip()).isEqualTo("no");
        Path operatorKubeconfig = cluster.serviceAccountKubeconfig(SYSTEM, "raffinerie-operator");
        ExecResult escalate = cluster.kubectl("--kubeconfig", operatorKubeconfig.toString(), "--as=mallory",
                "--as-group=system:masters", "get", "nodes");
        assertThat(escalate.exitCode()).isNotZero();
        assertThat(escalate.stderr()).contains("cannot impersonate");
        refused.add("the operator's ServiceAccount impersonates system:masters -> " + escalate.stderr().strip());
        ExecResult secrets = cluster.kubectl("auth", "can-i", "get", "secrets", "-n", NS, "--as=" + DASHBOARD_ACCOUNT);
        assertThat(secrets.stdout().strip()).isEqualTo("no");
        refused.add("the dashboard's ServiceAccount reads a Secret -> can-i get secrets: no");
    }

    /**
     * With the operator's own token (install.yaml's RBAC), a Secret of the environment can be read, one of a namespace
     * that is no environment's, or of kube-system, cannot: the operator's ClusterRole holds no Secret right.
     */
    @Test
    void theOperatorsAccountReadsNoSecretOutsideAnEnvironment() throws Exception {
        dashboard();
        String other = "e2e-not-an-environment";
        cluster.kubectl("create", "namespace", other).assertOk();
        try {
            cluster.kubectl("-n", other, "create", "secret", "generic", "elsewhere", "--from-literal=k=v").assertOk();
            Path operatorKubeconfig = cluster.serviceAccountKubeconfig(SYSTEM, "raffinerie-operator");
            Raffinerie.eventually(() -> assertThat(cluster.kubectl("--kubeconfig", operatorKubeconfig.toString(), "-n", NS, "get", "secret",
                    "db", "-o", "name").exitCode()).as("the environment's Secret, through its raffinerie-secret-reader binding").isZero());
            for (String[] target : new String[][] {{other, "elsewhere"}, {"kube-system", "any"}}) {
                ExecResult read = cluster.kubectl("--kubeconfig", operatorKubeconfig.toString(), "-n", target[0], "get", "secret", target[1]);
                assertThat(read.exitCode()).as(target[0]).isNotZero();
                assertThat(read.stderr()).as(target[0]).contains("forbidden");
                refused.add("the operator's ServiceAccount reads a Secret in " + target[0] + " -> " + read.stderr().strip());
            }
            ExecResult list = cluster.kubectl("--kubeconfig", operatorKubeconfig.toString(), "-n", NS, "get", "secrets");
            assertThat(list.exitCode()).isNotZero();
            refused.add("the operator's ServiceAccount lists an environment's Secrets -> " + list.stderr().strip());
        } finally {
            cluster.kubectl("delete", "namespace", other, "--wait=false");
        }
    }

    @Test
    void theDashboardNeverActsForAPrivilegedIdentity() throws Exception {
        String[][] attempts = {{"mallory@example.com", "system:masters"}, {"system:admin", "ops"}, {OPERATOR_ACCOUNT, "ops"},
                {"mallory@example.com", "system:nodes"}};
        for (String[] attempt : attempts) {
            HttpResponse<String> refusal = toDashboard("GET", "/", null, "X-Raffinerie-Proxy-Secret", PROXY_SECRET,
                    "X-Remote-User", attempt[0], "X-Remote-Group", attempt[1], "Cookie", "raffinerie_csrf_seed=e2e");
            assertThat(refusal.statusCode()).as(String.join(" ", attempt)).isEqualTo(403);
            assertThat(refusal.body()).contains("does not act for").contains("privileged");
            refused.add("the proxy signs in " + attempt[0] + " (" + attempt[1] + ") -> " + said(refusal));
        }
        // A valid token of a privileged identity (the operator's own account) is refused at the login form too.
        String operatorToken = cluster.kubectl("create", "token", "raffinerie-operator", "-n", SYSTEM, "--duration=10m")
                .assertOk().stdout().strip();
        HttpResponse<String> login = toDashboard("POST", "/login", "token=" + operatorToken);
        assertThat(login.statusCode()).isEqualTo(403);
        assertThat(login.body()).contains("does not act for the privileged user " + OPERATOR_ACCOUNT);
        assertThat(login.headers().firstValue("Set-Cookie")).isEmpty();
        refused.add("sign in with the operator's own token -> " + said(login));
    }

    @Test
    void identityHeadersThatDidNotComeThroughTheProxyAreRefused() throws Exception {
        HttpResponse<String> direct = toDashboard("GET", "/", null, "X-Remote-User", EDITOR, "X-Remote-Group", "system:authenticated");
        assertThat(direct.statusCode()).isEqualTo(401);
        assertThat(direct.body()).contains("secret header X-Raffinerie-Proxy-Secret").contains("only from its authenticating proxy");
        refused.add("identity headers sent straight to the dashboard -> " + said(direct));
        HttpResponse<String> guessed = toDashboard("GET", "/", null, "X-Remote-User", EDITOR, "X-Raffinerie-Proxy-Secret", "guess");
        assertThat(guessed.statusCode()).isEqualTo(401);
        assertThat(guessed.body()).contains("is wrong").doesNotContain(PROXY_SECRET);
        refused.add("identity headers with a guessed proxy secret -> " + said(guessed));
        HttpResponse<String> proxied = toDashboard("GET", "/", null, "X-Raffinerie-Proxy-Secret", PROXY_SECRET,
                "X-Remote-User", EDITOR, "Cookie", "raffinerie_csrf_seed=e2e");
        assertThat(proxied.statusCode()).as("the real proxy's request is believed").isEqualTo(200);
        assertThat(proxied.body()).contains(EDITOR);
    }

    @Test
    void theSessionCookieHoldsNoTokenAndAnAlteredOrRawOneSignsOut() throws Exception {
        cluster.kubectl("-n", NS, "create", "serviceaccount", "dashboard-user");
        String token = cluster.kubectl("create", "token", "dashboard-user", "-n", NS, "--duration=10m").assertOk().stdout().strip();
        HttpResponse<String> login = toDashboard("POST", "/login", "token=" + token);
        assertThat(login.statusCode()).isEqualTo(303);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        String sealed = cookie.substring("raffinerie_session=".length(), cookie.indexOf(';'));
        assertThat(sealed).isNotBlank().doesNotContain(token).doesNotContain(token.split("\\.")[1]);
        assertThat(toDashboard("GET", "/", null, "Cookie", "raffinerie_session=" + sealed).statusCode()).isEqualTo(200);
        char flipped = sealed.charAt(10) == 'A' ? 'B' : 'A';
        String altered = sealed.substring(0, 10) + flipped + sealed.substring(11);
        for (String[] attempt : new String[][] {{"an altered session cookie", altered}, {"the raw token as the session cookie", token}}) {
            HttpResponse<String> out = toDashboard("GET", "/", null, "Cookie", "raffinerie_session=" + attempt[1]);
            assertThat(out.statusCode()).as(attempt[0]).isEqualTo(303);
            assertThat(out.headers().firstValue("Location").orElse("")).endsWith("/login");
            assertThat(out.headers().firstValue("Set-Cookie").orElse("")).as("signed out").startsWith("raffinerie_session=;");
            refused.add(attempt[0] + " -> signed out: 303 to /login, cookie cleared");
        }
    }

    // issue 18: Spark, masking, webhooks

    /** A spark job with an extra spec, as YAML. */
    private static String sparkJob(String name, String extra) {
        return """
                apiVersion: raffinerie.io/v1alpha1
                kind: DataJob
                metadata: {name: %s, namespace: %s}
                spec:
                  technology: spark
                  spark: {mainClass: org.apache.spark.examples.SparkPi, mainApplicationFile: "local:///opt/spark/examples/jars/spark-examples.jar"}
                %s
                """.formatted(name, NS, extra.indent(2));
    }

    @Test
    void anEditorCannotGiveASparkJobItsOwnImageOrTheOperatorsSparkSettings() {
        refusedForEditor("a spark job (API token) with the editor's own image", sparkJob("own-image", "image: ghcr.io/eve/spark:1"),
                "a spark job's pods get an API token, so they run the technology catalog's image");
        refusedForEditor("a spark job overriding the operator's spark.kubernetes settings", """
                apiVersion: raffinerie.io/v1alpha1
                kind: DataJob
                metadata: {name: own-identity, namespace: %s}
                spec:
                  technology: spark
                  spark:
                    mainApplicationFile: "local:///app.jar"
                    sparkConf: {spark.kubernetes.authenticate.driver.serviceAccountName: default}
                """.formatted(NS), "\"spark.kubernetes.authenticate.driver.serviceAccountName\" is set by the operator");
    }

    /** A pod as a Spark job's code would create it with its token: Spark-labelled, restricted, with {@code extra}. */
    private static String sparkPod(String name, String image, String containerExtra, String specExtra) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  namespace: %s
                  labels: {spark-role: driver, raffinerie.io/technology: spark}
                spec:
                  serviceAccountName: raffinerie-spark
                  restartPolicy: Never
                  securityContext: {runAsNonRoot: true, runAsUser: 185, seccompProfile: {type: RuntimeDefault}}
                  containers:
                    - name: spark-kubernetes-driver
                      image: %s
                      securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
                %s
                %s
                """.formatted(name, NS, image, containerExtra.indent(6), specExtra.indent(2));
    }

    /**
     * A spark job's code holds the Spark identity's token, which may create pods. Tried with that token's identity:
     * every pod that would reach a Secret, run another image or another program is refused; Spark's own are not.
     */
    @Test
    void aSparkJobsTokenCannotCreateAPodThatReadsASecretOrRunsAnotherImage() {
        String spark = "system:serviceaccount:" + NS + ":raffinerie-spark";
        String driver = "args: [driver, --properties-file, /opt/spark/conf/spark.properties]";
        Map<String, String[]> attacks = new java.util.LinkedHashMap<>();
        attacks.put("the Spark token creates a pod mounting a Secret", new String[] {sparkPod("grab-volume", "apache/spark:3.5.3",
                driver + "\nvolumeMounts: [{name: db, mountPath: /db}]", "volumes: [{name: db, secret: {secretName: db}}]"),
                "Spark pods may mount only emptyDir, ConfigMap, downward API and projected API token volumes"});
        attacks.put("the Spark token creates a pod given a Secret in its env", new String[] {sparkPod("grab-env", "apache/spark:3.5.3",
                driver + "\nenv: [{name: P, valueFrom: {secretKeyRef: {name: db, key: password}}}]", ""),
                "Spark pods may not be given a Secret"});
        attacks.put("the Spark token creates a pod running its own image", new String[] {sparkPod("grab-image", "ghcr.io/eve/tool:1",
                driver, ""), "the Spark identity may run only the Spark images of the technology catalog"});
        attacks.put("the Spark token creates a pod running a shell in the Spark image", new String[] {sparkPod("grab-shell",
                "apache/spark:3.5.3", "command: [sh, -c, 'cat /var/run/secrets/kubernetes.io/serviceaccount/token']", ""),
                "no command, and args starting with driver or executor"});
        attacks.put("the Spark token creates a pod that is not Spark's", new String[] {sparkPod("grab-plain", "apache/spark:3.5.3",
                driver, "").replace("labels: {spark-role: driver, raffinerie.io/technology: spark}", "labels: {app: mine}"),
                "the Spark identity may create only Spark's driver and executor pods"});
        attacks.forEach((attack, pod) -> {
            ExecResult result = asUser(spark, pod[0], "apply", "--server-side", "-f", "-");
            assertThat(result.exitCode()).as(attack + ": " + result.stdout()).isNotZero();
            assertThat(result.stderr()).as(attack).contains(pod[1]);
            refused.add(attack + " -> " + result.stderr().lines().filter(l -> !l.isBlank()).findFirst().orElse(""));
        });
        // Spark's own driver pod, as spark-submit creates it, is admitted: the policy confines, it does not ban.
        ExecResult own = asUser(spark, sparkPod("driver-ok", "apache/spark:3.5.3", driver, ""), "apply", "--server-side", "-f", "-");
        assertThat(own.exitCode()).as(own.stderr()).isZero();
        cluster.kubectl("-n", NS, "delete", "pod", "driver-ok", "--wait=false");
    }

    /**
     * Spark 4 makes a NetworkPolicy per application, so its identity may create NetworkPolicies: only that shape (the
     * application's executors, open to its own pods) is admitted, never one that opens a pod to anyone.
     */
    @Test
    void aSparkJobsTokenCannotOpenAPodWithANetworkPolicy() {
        String spark = "system:serviceaccount:" + NS + ":raffinerie-spark";
        String open = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: open-everything, namespace: %s}
                spec:
                  podSelector: {}
                  ingress: [{}]
                """.formatted(NS);
        ExecResult opened = asUser(spark, open, "apply", "--server-side", "-f", "-");
        assertThat(opened.exitCode()).as(opened.stdout()).isNotZero();
        assertThat(opened.stderr()).contains("the Spark identity may create only Spark's own NetworkPolicy");
        String widened = executorPolicy("{namespaceSelector: {}}");
        assertThat(asUser(spark, widened, "apply", "--server-side", "-f", "-").exitCode()).as("open to every namespace").isNotZero();
        refused.add("the Spark token opens pods with a NetworkPolicy -> " + opened.stderr().lines().filter(l -> !l.isBlank())
                .findFirst().orElse(""));
        String own = executorPolicy("{podSelector: {matchLabels: {spark-app-selector: spark-1}}}");
        ExecResult admitted = asUser(spark, own, "apply", "--server-side", "-f", "-");
        assertThat(admitted.exitCode()).as("Spark's own: " + admitted.stderr()).isZero();
        cluster.kubectl("-n", NS, "delete", "networkpolicy", "app-1-policy").assertOk();
    }

    /** A NetworkPolicy on the executors of application spark-1, open to {@code peer}. */
    private static String executorPolicy(String peer) {
        return """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: app-1-policy, namespace: %s}
                spec:
                  podSelector: {matchLabels: {spark-role: executor, spark-app-selector: spark-1}}
                  ingress: [{from: [%s]}]
                """.formatted(NS, peer);
    }

    @Test
    @SuppressWarnings("unchecked")
    void sparkPodsReachOnlyTheApiServersRealEndpoints() {
        var slice = cluster.client().discovery().v1().endpointSlices().inNamespace("default").withName("kubernetes").get();
        List<String> endpoints = slice.getEndpoints().stream().flatMap(e -> e.getAddresses().stream()).map(a -> a + "/32").toList();
        var policy = cluster.client().network().v1().networkPolicies().inNamespace(NS).withName("raffinerie-spark-api").get();
        assertThat(policy.getSpec().getEgress()).singleElement().satisfies(rule -> {
            assertThat(rule.getTo()).as("never any address").isNotEmpty();
            assertThat(rule.getTo()).extracting(p -> p.getIpBlock().getCidr()).containsExactlyInAnyOrderElementsOf(endpoints);
        });
        refused.add("Spark pods reach any address on 443/6443 -> only the API server's endpoints " + endpoints);
    }

    /**
     * A manager's alert webhook pointed at what only the operator reaches (the cloud's metadata service, the operator's
     * own loopback, a cluster Service) is refused at send time with the reason, never sent, and nothing read back.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aManagersWebhookCannotReachMetadataLoopbackOrClusterServices() {
        String service = cluster.kubectl("-n", "default", "get", "service", "kubernetes", "-o", "jsonpath={.spec.clusterIP}")
                .assertOk().stdout().strip();
        Map<String, String> targets = new java.util.LinkedHashMap<>();
        targets.put("hook-metadata", "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
        targets.put("hook-loopback", "http://[::1]:8080/q/metrics");
        targets.put("hook-service", "https://" + service + "/api/v1/namespaces/kube-system/secrets");
        // One job per webhook: the secret-reference policy's authorizer checks exceed its cost limit at three Secrets.
        targets.forEach((secret, url) -> {
            String target = secret.substring("hook-".length());
            assertThat(asUser(MANAGER, null, "-n", NS, "create", "secret", "generic", secret, "--from-literal=url=" + url).exitCode())
                    .isZero();
            ExecResult probe = asUser(MANAGER, job("probe-" + target, "alerts: [{events: [Succeeded], webhook: {urlSecretRef: {name: "
                    + secret + ", key: url}}}]").replace("echo \"$PASSWORD\" | base64", "echo probing"), "apply", "--server-side", "-f", "-");
            assertThat(probe.exitCode()).as(probe.stderr()).isZero();
            raffinerie.awaitReady("DataJob", NS, "probe-" + target);
            raffinerie.run(NS, "probe-" + target + "-1", "jobRef", "probe-" + target, null);
            var run = raffinerie.await("DataRun", NS, "probe-" + target + "-1", r -> {
                List<Map<String, Object>> sent = (List<Map<String, Object>>) Raffinerie.status(r).get("alerts");
                return sent != null && sent.size() == 1 && !"Pending".equals(sent.get(0).get("state"));
            });
            Map<String, Object> delivery = ((List<Map<String, Object>>) Raffinerie.status(run).get("alerts")).get(0);
            assertThat(delivery.get("state")).as(target).isEqualTo("Failed");
            assertThat(((Number) delivery.get("attempts")).intValue()).as(target + ": refused, not retried").isEqualTo(1);
            assertThat(String.valueOf(delivery.get("message"))).as(target).contains("which alerts may not reach")
                    .doesNotContain("169.254").doesNotContain(service);
            refused.add("a manager's webhook at " + target + " -> " + delivery.get("message"));
        });
    }

    /**
     * The manager's job prints the Secret it is given; mid-run, the editor edits the job so that it names no Secret
     * (which the editor may do) and the manager deletes it: the log tail the editor reads still masks the value.
     */
    @Test
    void aJobEditedThenDeletedMidRunStillMasksWhatItsRunPrinted() {
        assertThat(asUser(MANAGER, job("printer", """
                env: [{name: PASSWORD, secretKeyRef: {name: db, key: password}}]
                podMetadata: {annotations: {raffinerie.io/sim-log: "connecting with $(PASSWORD)", raffinerie.io/sim-duration: 4s}}
                """).replace("echo \"$PASSWORD\" | base64", "echo \"connecting with $PASSWORD\""),
                "apply", "--server-side", "-f", "-").exitCode()).isZero();
        raffinerie.awaitReady("DataJob", NS, "printer");
        runAsEditor("printer-1", "printer");
        raffinerie.awaitPhase(NS, "printer-1", "Running");
        ExecResult edit = asUser(EDITOR, null, "-n", NS, "patch", "datajob", "printer", "--type=json",
                "-p", "[{\"op\":\"remove\",\"path\":\"/spec/env\"}]");
        assertThat(edit.exitCode()).as(edit.stderr()).isZero();
        assertThat(asUser(MANAGER, null, "-n", NS, "delete", "datajob", "printer").exitCode()).isZero();
        raffinerie.await("DataRun", NS, "printer-1", r -> !Raffinerie.steps(r).isEmpty() && Raffinerie.steps(r).get(0).get("logTail") != null);
        String tail = asUser(EDITOR, null, "-n", NS, "get", "datarun", "printer-1", "-o", "jsonpath={.status.steps[0].logTail}")
                .assertOk().stdout();
        assertThat(tail).contains("connecting with ****").doesNotContain(PASSWORD);
        refused.add("an editor strips a job's Secret mid-run to unmask its log tail -> " + tail.strip());
    }
}

package io.raffinerie.e2e.install;

import static io.raffinerie.e2e.harness.Raffinerie.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.Examples;
import io.raffinerie.e2e.harness.ExecResult;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.Raffinerie;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Installs Raffinerie the ways a platform team does (an older chart, then `helm upgrade`, then `kubectl apply -k
 * operator/`) and runs the operator as a local process whose only credential is a token of the chart's
 * ServiceAccount: every example must then run to success, which proves the chart's RBAC is sufficient. The
 * examples are applied as Argo CD applies them (server-side, field manager argocd) to show the operator never
 * takes a spec field, and two operator processes show the leader handover.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InstallIT {
    static final String SYSTEM = "raffinerie-system";
    static final String ACCOUNT = "raffinerie-operator";
    static final String RELEASE = "raffinerie";
    static final String EXAMPLES = Examples.NAMESPACE;
    static final String GITOPS_MANAGER = Examples.GITOPS_MANAGER;
    /** KWOK never mounts the example pipeline's workspace. */
    static final Path NO_WORKSPACE = Path.of("/nonexistent/raffinerie-e2e-workspace");
    static final Duration HANDOVER_TARGET = Duration.ofSeconds(20);

    final Cluster cluster = Cluster.get();
    final Raffinerie raffinerie = new Raffinerie(cluster);
    final Path root = cluster.e2eDir().getParent();
    final Examples examples = new Examples(cluster, root, "e2e-install-daily-sales-workspace");
    final List<Operator> operators = new ArrayList<>();
    boolean sharedWasRunning;
    long auditOffset;

    @BeforeAll
    void takeOverTheCluster() throws IOException {
        sharedWasRunning = Operator.pauseShared();
        auditOffset = cluster.auditLog().isPresent() ? Files.size(cluster.auditLog().get()) : 0;
        cluster.tool("helm", "uninstall", RELEASE, "-n", SYSTEM, "--wait"); // a release left by an aborted run
        cluster.kubectl("create", "namespace", SYSTEM);
        // As the shared cluster has them (e2e/run.sh), whichever class ran first: CRDs that helm created would be
        // owned by helm's client-side apply, and the kustomize install's server-side apply would conflict with it.
        cluster.kubectl("apply", "--server-side", "--force-conflicts", "-f", root.resolve("crds").toString())
                .assertOk();
    }

    @AfterAll
    void giveTheClusterBack() {
        examples.remove();
        operators.forEach(Operator::stop);
        cluster.tool("helm", "uninstall", RELEASE, "-n", SYSTEM, "--wait");
        cluster.kubectl("delete", "deployment,serviceaccount,service,poddisruptionbudget,configmap,role,rolebinding",
                "-n", SYSTEM, "-l", "app.kubernetes.io/part-of=raffinerie", "--ignore-not-found");
        cluster.kubectl("delete", "clusterrole,clusterrolebinding", "-l", "app.kubernetes.io/part-of=raffinerie",
                "--ignore-not-found");
        Operator.restoreShared(sharedWasRunning);
    }

    @Test
    @Order(1)
    void helmInstallOfAnOlderChartRunsEveryExampleAsTheChartServiceAccount() throws IOException {
        Path older = olderChart("0.0.9");
        cluster.tool("helm", "install", RELEASE, older.toString(), "-n", SYSTEM, "--take-ownership", "--wait=false")
                .assertOk();
        assertThat(cluster.tool("helm", "lint", older.toString()).assertOk().stdout()).contains("0 chart(s) failed");

        Operator operator = operatorAsTheChartAccount(Operator.separatePort(1));
        operator.start();
        examples.applyAsGitOps(NO_WORKSPACE, () -> { });
        examples.awaitEverySucceeded();
        assertNothingForbidden(operator);
    }

    @Test
    @Order(2)
    void gitOpsReapplyFindsNoDriftBecauseTheOperatorOwnsNoSpecField() {
        for (GenericKubernetesResource example : examples.all()) {
            GenericKubernetesResource live = live(example);
            for (ManagedFieldsEntry entry : live.getMetadata().getManagedFields()) {
                if (GITOPS_MANAGER.equals(entry.getManager()) || "status".equals(entry.getSubresource())) {
                    continue;
                }
                Map<String, Object> fields = entry.getFieldsV1().getAdditionalProperties();
                assertThat(fields.keySet()).as("fields of %s %s managed by %s", example.getKind(), Examples.name(example),
                        entry.getManager()).containsOnly("f:metadata");
                @SuppressWarnings("unchecked")
                Map<String, Object> metadata = (Map<String, Object>) fields.get("f:metadata");
                assertThat(metadata.keySet()).as("metadata of %s %s managed by %s", example.getKind(), Examples.name(example),
                        entry.getManager()).isSubsetOf("f:finalizers");
            }
        }
        ExecResult diff = cluster.kubectl("diff", "--server-side", "--field-manager=" + GITOPS_MANAGER,
                "-f", examples.dir().toString());
        assertThat(diff.exitCode()).as("kubectl diff (0: no difference): %s", diff.describe()).isZero();
        assertThat(diff.stdout()).isEmpty();
        ExecResult reapply = cluster.kubectl("apply", "--server-side", "--field-manager=" + GITOPS_MANAGER,
                "-f", examples.dir().toString());
        assertThat(reapply.assertOk().stdout()).doesNotContain("configured").contains("serverside-applied");
    }

    @Test
    @Order(3)
    void helmUpgradeKeepsEveryResourceAndRun() {
        Map<String, String> uidsBefore = uids();
        long jobsBefore = jobsInExamples();

        cluster.tool("helm", "upgrade", RELEASE, root.resolve("helm/raffinerie").toString(), "-n", SYSTEM,
                "--set", "logLevel=DEBUG", "--wait=false").assertOk();
        assertThat(cluster.tool("helm", "list", "-n", SYSTEM, "-o", "json").assertOk().stdout())
                .contains("\"revision\":\"2\"").contains("\"chart\":\"raffinerie-" + chartVersion() + "\"");

        // The new pods replace the old ones: so does a new operator process.
        operators.forEach(Operator::stop);
        Operator upgraded = operatorAsTheChartAccount(Operator.separatePort(2));
        upgraded.start();
        examples.awaitEverySucceeded();
        assertThat(uids()).as("every example, same object (uid) as before the upgrade").isEqualTo(uidsBefore);
        raffinerie.create("""
                apiVersion: raffinerie.io/v1alpha1
                kind: DataRun
                metadata: {name: after-upgrade, namespace: %s}
                spec: {jobRef: extract-orders, parameters: {DAY: "2026-11-29"}}
                """.formatted(EXAMPLES));
        raffinerie.awaitPhase(EXAMPLES, "after-upgrade", "Succeeded");
        assertThat(jobsInExamples()).as("one new Job, for the new run; no finished run ran again")
                .isEqualTo(jobsBefore + 1);
        assertNothingForbidden(upgraded);
        upgraded.stop();
    }

    @Test
    @Order(4)
    void twoOperatorsOneLeaderAndTheStandbyTakesOverWithoutRunningAStepTwice() throws IOException {
        Operator first = operatorAsTheChartAccount(Operator.separatePort(3));
        Operator second = operatorAsTheChartAccount(Operator.separatePort(4));
        first.start();
        second.start();
        Operator leader = await("one leader").atMost(Duration.ofSeconds(40)).until(() -> leaderOf(first, second), Objects::nonNull);
        Operator standby = leader == first ? second : first;
        String leaderIdentity = Examples.leaseHolder(cluster, SYSTEM);
        assertThat(standby.log()).as("the standby reconciles nothing").doesNotContain("Started event processing");

        slowExampleSteps();
        raffinerie.create("""
                apiVersion: raffinerie.io/v1alpha1
                kind: DataRun
                metadata: {name: handover, namespace: %s}
                spec: {pipelineRef: daily-sales, parameters: {DAY: "2026-11-29"}}
                """.formatted(EXAMPLES));
        raffinerie.await("DataRun", EXAMPLES, "handover",
                run -> steps(run).stream().anyMatch(step -> "Running".equals(step.get("phase"))));

        leader.kill();
        long killedAt = System.nanoTime();
        await("a new lease holder").atMost(HANDOVER_TARGET.plusSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> !Objects.equals(Examples.leaseHolder(cluster, SYSTEM), leaderIdentity) && !Examples.leaseHolder(cluster, SYSTEM).isEmpty());
        Duration leaseTaken = Duration.ofNanos(System.nanoTime() - killedAt);
        await("the standby reconciles").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> standby.log().contains("Started event processing"));
        Duration reconciling = Duration.ofNanos(System.nanoTime() - killedAt);

        GenericKubernetesResource run = raffinerie.awaitPhase(EXAMPLES, "handover", "Succeeded");
        assertThat(steps(run)).allSatisfy(step -> assertThat(step.get("attempts")).as("attempts of %s", step.get("name"))
                .isEqualTo(1));
        assertThat(cluster.client().batch().v1().jobs().inNamespace(EXAMPLES).withLabel("raffinerie.io/run", "handover")
                .list().getItems()).as("one Job per step").hasSize(steps(run).size());

        // A graceful shutdown releases the lease: the restarted process takes over at its next retry.
        leader.start();
        String holder = Examples.leaseHolder(cluster, SYSTEM);
        standby.stop();
        long stoppedAt = System.nanoTime();
        await("the lease released on shutdown").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> !Objects.equals(Examples.leaseHolder(cluster, SYSTEM), holder) && !Examples.leaseHolder(cluster, SYSTEM).isEmpty());
        Duration releasedHandover = Duration.ofNanos(System.nanoTime() - stoppedAt);
        leader.stop();

        Files.writeString(cluster.e2eDir().resolve("target/leader-handover.txt"), """
                leader SIGKILL -> lease taken by the standby: %d ms
                leader SIGKILL -> standby reconciling:        %d ms
                leader SIGTERM -> lease taken by the standby: %d ms
                """.formatted(leaseTaken.toMillis(), reconciling.toMillis(), releasedHandover.toMillis()));
        assertThat(reconciling).as("handover after SIGKILL").isLessThanOrEqualTo(HANDOVER_TARGET);
        assertThat(releasedHandover).as("handover after a graceful shutdown").isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @Order(5)
    void kubectlApplyKustomizeInstallRunsEveryExampleAsTheManifestsServiceAccount() {
        Operator cleaner = operatorAsTheChartAccount(Operator.separatePort(5));
        cleaner.start();
        examples.remove();
        cleaner.stop();
        cluster.tool("helm", "uninstall", RELEASE, "-n", SYSTEM, "--wait").assertOk();
        assertThat(cluster.client().serviceAccounts().inNamespace(SYSTEM).withName(ACCOUNT).get()).isNull();

        // As docs/install.md says: the manifests, then the catalog (kubectl cannot create a CRD and its objects at once).
        cluster.kubectl("apply", "--server-side", "-k", root.resolve("operator").toString()).assertOk();
        cluster.kubectl("apply", "--server-side", "-f", root.resolve("operator/technologies.yaml").toString()).assertOk();
        Operator operator = operatorAsTheChartAccount(Operator.separatePort(6));
        operator.start();
        examples.applyAsGitOps(NO_WORKSPACE, () -> { });
        examples.awaitEverySucceeded();
        assertNothingForbidden(operator);
    }

    /**
     * The examples really run on a real node, so KWOK ends their pods at once: the handover needs a step still
     * running when the leader dies, so each simulated pod of the examples' jobs lasts 3 s.
     */
    private void slowExampleSteps() {
        for (GenericKubernetesResource example : examples.all()) {
            if ("DataJob".equals(example.getKind())) {
                cluster.kubectl("patch", "datajob", Examples.name(example), "-n", EXAMPLES, "--type=merge", "-p",
                        "{\"spec\":{\"podMetadata\":{\"annotations\":{\"raffinerie.io/sim-duration\":\"3s\"}}}}")
                        .assertOk();
            }
        }
    }

    private Operator operatorAsTheChartAccount(int port) {
        // As the chart's Deployment runs it: its ServiceAccount's token, and that account named for the environments'
        // raffinerie-secret-reader bindings (which it creates with `bind` only, holding no Secret right of its own).
        Operator operator = Operator.separate(cluster, port, cluster.serviceAccountKubeconfig(SYSTEM, ACCOUNT),
                Map.of("RAFFINERIE_LEADER_ELECTION_ENABLED", "true", "RAFFINERIE_SERVICE_ACCOUNT", ACCOUNT));
        operators.add(operator);
        return operator;
    }

    private Path olderChart(String version) throws IOException {
        Path copy = cluster.e2eDir().resolve("target/chart-" + version + "/raffinerie");
        try (Stream<Path> files = Files.walk(root.resolve("helm/raffinerie"))) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(root.resolve("helm/raffinerie").relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path chart = copy.resolve("Chart.yaml");
        Files.writeString(chart, Files.readString(chart).replaceFirst("(?m)^version: .*$", "version: " + version));
        return copy;
    }

    private String chartVersion() {
        try {
            return Files.readAllLines(root.resolve("helm/raffinerie/Chart.yaml")).stream()
                    .filter(line -> line.startsWith("version: ")).findFirst().orElseThrow().substring(9).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertNothingForbidden(Operator operator) {
        assertThat(operator.log()).as("the operator's log").doesNotContain("Forbidden").doesNotContain("forbidden:");
        String user = "system:serviceaccount:" + SYSTEM + ":" + ACCOUNT;
        cluster.auditLog().ifPresent(audit -> {
            try (InputStream in = Files.newInputStream(audit)) {
                in.skipNBytes(auditOffset);
                List<String> refused = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        // A create in a namespace being deleted (an environment removed by the test before) is
                        // refused by the namespace's lifecycle, not by RBAC: the operator then makes nothing there.
                        .filter(line -> line.contains("\"username\":\"" + user + "\"") && line.contains("\"code\":403")
                                && !line.contains("\"reason\":\"NamespaceTerminating\""))
                        .map(line -> line.replaceAll(".*\"requestURI\":\"([^\"]*)\",\"verb\":\"([^\"]*)\".*", "$2 $1"))
                        .toList();
                assertThat(refused).as("requests of %s refused by RBAC (audit log)", user).isEmpty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Operator leaderOf(Operator first, Operator second) {
        boolean firstLeads = first.log().contains("Started event processing");
        boolean secondLeads = second.log().contains("Started event processing");
        assertThat(firstLeads && secondLeads).as("two leaders at once").isFalse();
        return firstLeads ? first : secondLeads ? second : null;
    }

    private GenericKubernetesResource live(GenericKubernetesResource example) {
        return Objects.requireNonNull(raffinerie.get(example.getKind(), example.getMetadata().getNamespace(), Examples.name(example)),
                () -> example.getKind() + " " + Examples.name(example) + " is missing");
    }

    private Map<String, String> uids() {
        Map<String, String> uids = new TreeMap<>();
        examples.all().forEach(example -> uids.put(example.getKind() + "/" + Examples.name(example), live(example).getMetadata().getUid()));
        return uids;
    }

    private long jobsInExamples() {
        // Not the nightly CronJob's, should the test run at that minute.
        return cluster.client().batch().v1().jobs().inNamespace(EXAMPLES).list().getItems().stream()
                .filter(job -> job.getMetadata().getOwnerReferences().stream().noneMatch(o -> "CronJob".equals(o.getKind())))
                .count();
    }

}

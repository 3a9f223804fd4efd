package io.raffinerie.e2e.operator;

import static io.raffinerie.e2e.harness.Raffinerie.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.ExecResult;
import io.raffinerie.e2e.harness.GitServer;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.Raffinerie;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Promotion from dev to prod through kubectl only, as three people (docs/promotion.md): Dana edits in dev, Paul (an
 * editor of prod) requests, Maria (a manager of prod) approves. Paul's own approval does not count; after Maria's,
 * prod's pipeline has dev's steps and scripts with prod's own schedule and variables, and the verification run
 * succeeds. A promotion whose verification fails is rolled back by itself, and a rollback undoes the first one. Into
 * an environment Argo CD manages, a promotion is a commit to the repository it syncs (served by git daemon), and
 * the live objects stay as they are.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PromotionsIT {
    static final String DEV = "e2e-promo-dev";
    static final String PROD = "e2e-promo-prod";
    static final String GITOPS = "e2e-promo-gitops";
    static final String DANA = "dana@example.com";
    static final String PAUL = "paul@example.com";
    static final String MARIA = "maria@example.com";

    final Cluster cluster = Cluster.get();
    final Raffinerie raffinerie = new Raffinerie(cluster);

    @BeforeAll
    void devAndProdWithTheirPeople() {
        Operator.shared();
        raffinerie.environment(DEV, "access: [{role: editor, users: [" + DANA + "]}]\n");
        raffinerie.environment(PROD, """
                access:
                  - {role: editor, users: [%s]}
                  - {role: manager, users: [%s]}
                promotion:
                  from: [%s]
                  verification: {pipelineRef: daily}
                  preserve: [schedule, variables]
                """.formatted(PAUL, MARIA, DEV));
        // Prod's own copy, as the platform team set it up.
        raffinerie.job(PROD, "extract", "bash", "script: echo extract v1\nenv: [{name: WAREHOUSE, value: prod}]\n");
        raffinerie.pipeline(PROD, "daily", "- {name: extract, jobRef: extract}\n", "schedule: {cron: \"0 6 * * *\"}\n");
        // Dana's work in dev: extract made and changed twice, and a new load step.
        dana(job(DEV, "extract", "echo extract v1", "dev"));
        raffinerie.await("DataJob", DEV, "extract", j -> Long.valueOf(1).equals(number(status(j).get("currentRevision"))));
        dana(job(DEV, "extract", "echo extract v2", "dev"));
        raffinerie.await("DataJob", DEV, "extract", j -> Long.valueOf(2).equals(number(status(j).get("currentRevision"))));
        dana(job(DEV, "extract", "echo extract v3", "dev"));
        dana(job(DEV, "load", "echo load v1", null));
        dana(pipeline(DEV, "0 3 * * *"));
        raffinerie.await("DataPipeline", DEV, "daily", p -> Long.valueOf(1).equals(number(status(p).get("currentRevision"))));
    }

    @AfterAll
    void cleanUp() {
        raffinerie.deleteEnvironment(DEV);
        raffinerie.deleteEnvironment(PROD);
        raffinerie.deleteEnvironment(GITOPS);
    }

    @Test
    @Order(1)
    void devKeepsEveryVersionAndAPinnedRunRunsAnOldOne() {
        ExecResult revisions = cluster.kubectlAs(DANA, null, "get", "datarevisions", "-n", DEV, "-l", "raffinerie.io/job=extract",
                "-o", "jsonpath={range .items[*]}{.spec.revision}/{.spec.createdBy};{end}").assertOk();
        assertThat(revisions.stdout().split(";")).containsExactlyInAnyOrder("1/dana", "2/dana", "3/dana");
        cluster.kubectlAs(DANA, """
                apiVersion: raffinerie.io/v1alpha1
                kind: DataRun
                metadata: {name: extract-now, namespace: %s}
                spec: {jobRef: extract}
                """.formatted(DEV), "create", "-f", "-").assertOk();
        assertThat(number(status(raffinerie.awaitPhase(DEV, "extract-now", "Succeeded")).get("revision"))).isEqualTo(3L);
        cluster.kubectlAs(DANA, """
                apiVersion: raffinerie.io/v1alpha1
                kind: DataRun
                metadata: {name: extract-old, namespace: %s}
                spec: {jobRef: extract, revision: 1}
                """.formatted(DEV), "create", "-f", "-").assertOk();
        GenericKubernetesResource old = raffinerie.awaitPhase(DEV, "extract-old", "Succeeded");
        assertThat(number(status(old).get("revision"))).isEqualTo(1L);
        String script = cluster.kubectl("get", "configmaps", "-n", DEV, "-o", "jsonpath={.items[*].data}").assertOk().stdout();
        assertThat(script).as("the script the pinned run ran").contains("echo extract v1");
    }

    @Test
    @Order(2)
    void aPromotionWaitsForTheManagerAndProdKeepsItsScheduleAndVariables() {
        paul(promotion("go-live", "source: {environment: " + DEV + ", kind: DataPipeline, name: daily}"));
        awaitPromotion("go-live", p -> "PendingApproval".equals(status(p).get("phase")));
        paul(approval("go-live", "paul"));
        GenericKubernetesResource selfApproved = awaitPromotion("go-live", p -> approvals(p).size() == 1);
        assertThat(approvals(selfApproved).get(0)).containsEntry("refused", "SelfApproval");
        assertThat(status(selfApproved)).containsEntry("phase", "PendingApproval");
        assertThat(cluster.kubectl("get", "datajob", "load", "-n", PROD, "--ignore-not-found", "-o", "name").assertOk().stdout())
                .as("nothing written before the manager approves").isBlank();

        maria(approval("go-live", "maria"));
        GenericKubernetesResource done = awaitPromotion("go-live", p -> "Succeeded".equals(status(p).get("phase")));
        assertThat(field(done, "verification")).containsEntry("run", "go-live-verify").containsEntry("phase", "Succeeded");
        assertThat(spec("DataPipeline", "daily")).containsEntry("schedule", Map.of("cron", "0 6 * * *"));
        assertThat(spec("DataJob", "extract")).containsEntry("script", "echo extract v3")
                .containsEntry("env", List.of(Map.of("name", "WAREHOUSE", "value", "prod")));
        assertThat(spec("DataJob", "load")).containsEntry("script", "echo load v1");
        GenericKubernetesResource verification = raffinerie.get("DataRun", PROD, "go-live-verify");
        assertThat(Raffinerie.steps(verification)).extracting(s -> s.get("name")).containsExactly("extract", "load");
    }

    @Test
    @Order(3)
    void aFailingVerificationRollsBackByItself() {
        dana(job(DEV, "load", "exit 4", null) + "  podMetadata: {annotations: {raffinerie.io/sim-exit-code: \"4\"}}\n");
        raffinerie.await("DataPipeline", DEV, "daily", p -> Long.valueOf(2).equals(number(status(p).get("currentRevision"))));
        paul(promotion("broken", "source: {environment: " + DEV + ", kind: DataPipeline, name: daily}"));
        maria(approval("broken", "maria"));
        GenericKubernetesResource failed = awaitPromotion("broken", p -> "Failed".equals(status(p).get("phase")));
        assertThat(readyReason(failed)).isEqualTo("VerificationFailed");
        assertThat(field(failed, "verification")).containsEntry("rolledBack", true);
        assertThat(spec("DataJob", "load")).as("what go-live wrote, put back").containsEntry("script", "echo load v1");
    }

    @Test
    @Order(4)
    void aManualRollbackPutsBackWhatProdHadBefore() {
        paul(promotion("undo-go-live", "rollbackOf: go-live"));
        maria(approval("undo-go-live", "maria"));
        awaitPromotion("undo-go-live", p -> "Succeeded".equals(status(p).get("phase")));
        assertThat(spec("DataJob", "extract")).containsEntry("script", "echo extract v1");
        assertThat(spec("DataPipeline", "daily").get("steps")).isEqualTo(List.of(Map.of("name", "extract", "jobRef", "extract")));
        raffinerie.await("DataEnvironment", null, PROD, e -> raffinerie.get("DataJob", PROD, "load") == null);
    }

    @Test
    @Order(5)
    void intoAnEnvironmentArgoCdManagesAPromotionIsACommitAndTheLiveObjectsStay() {
        String manifest = job(GITOPS, "extract", "echo extract v1", "prod").replace("metadata: {name: extract, namespace: " + GITOPS + "}",
                "metadata: {name: extract, namespace: " + GITOPS + ", labels: {argocd.argoproj.io/instance: prod}}");
        try (GitServer repository = GitServer.serve(cluster, "prod", Map.of("apps/extract.yaml", manifest))) {
            raffinerie.environment(GITOPS, """
                    access:
                      - {role: editor, users: [%s]}
                      - {role: manager, users: [%s]}
                    promotion:
                      from: [%s]
                      git: {repository: "%s", path: apps}
                    """.formatted(PAUL, MARIA, DEV, repository.url));
            cluster.kubectlWithInput(manifest, "apply", "--server-side", "--field-manager=argocd-controller", "-f", "-").assertOk();
            cluster.kubectlAs(PAUL, promotion("extract-v3", "source: {environment: " + DEV + ", kind: DataJob, name: extract}")
                    .replace("namespace: " + PROD, "namespace: " + GITOPS), "create", "-f", "-").assertOk();
            cluster.kubectlAs(MARIA, approval("extract-v3", "maria").replace("namespace: " + PROD, "namespace: " + GITOPS),
                    "create", "-f", "-").assertOk();
            GenericKubernetesResource done = raffinerie.await("DataPromotion", GITOPS, "extract-v3",
                    p -> "Succeeded".equals(status(p).get("phase")));
            assertThat(readyReason(done)).isEqualTo("Committed");
            assertThat(field(done, "git")).containsEntry("commit", repository.git("rev-parse", "main").trim());
            assertThat(repository.git("log", "-1", "--format=%s%n%b", "main")).startsWith("Promote DataJob extract (revision 3) from " + DEV)
                    .contains("approved by " + MARIA, "Raffinerie-Promotion: " + GITOPS + "/extract-v3");
            assertThat(repository.git("show", "main:apps/extract.yaml")).contains("script: echo extract v3", "argocd.argoproj.io/instance: prod");
            assertThat(raffinerie.get("DataJob", GITOPS, "extract").getAdditionalProperties().get("spec"))
                    .as("the live object is Argo CD's to change").isEqualTo(Map.of("technology", "bash", "script", "echo extract v1",
                            "env", List.of(Map.of("name", "WAREHOUSE", "value", "prod"))));
        }
    }

    private static String job(String namespace, String name, String script, String warehouse) {
        return """
                apiVersion: raffinerie.io/v1alpha1
                kind: DataJob
                metadata: {name: %s, namespace: %s}
                spec:
                  technology: bash
                  script: '%s'
                """.formatted(name, namespace, script) + (warehouse == null ? "" : "  env: [{name: WAREHOUSE, value: " + warehouse + "}]\n");
    }

    private static String pipeline(String namespace, String cron) {
        return """
                apiVersion: raffinerie.io/v1alpha1
                kind: DataPipeline
                metadata: {name: daily, namespace: %s}
                spec:
                  schedule: {cron: "%s"}
                  steps:
                    - {name: extract, jobRef: extract}
                    - {name: load, jobRef: load, dependsOn: [extract]}
                """.formatted(namespace, cron);
    }

    private static String promotion(String name, String what) {
        return """
                apiVersion: raffinerie.io/v1alpha1
                kind: DataPromotion
                metadata: {name: %s, namespace: %s}
                spec:
                  %s
                  reason: the December release
                  requestedBy: %s
                """.formatted(name, PROD, what, PAUL);
    }

    private static String approval(String promotion, String who) {
        return """
                apiVersion: raffinerie.io/v1alpha1
                kind: DataPromotionApproval
                metadata: {name: %s-by-%s, namespace: %s}
                spec: {promotion: %s, decision: Approved, user: %s@example.com}
                """.formatted(promotion, who, PROD, promotion, who);
    }

    private void dana(String yaml) {
        cluster.kubectlAs(DANA, yaml, "apply", "--server-side", "--field-manager=dana", "-f", "-").assertOk();
    }

    private void paul(String yaml) {
        cluster.kubectlAs(PAUL, yaml, "create", "-f", "-").assertOk();
    }

    private void maria(String yaml) {
        cluster.kubectlAs(MARIA, yaml, "create", "-f", "-").assertOk();
    }

    private GenericKubernetesResource awaitPromotion(String name, Predicate<GenericKubernetesResource> until) {
        return raffinerie.await("DataPromotion", PROD, name, until);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> approvals(GenericKubernetesResource promotion) {
        return (List<Map<String, Object>>) status(promotion).getOrDefault("approvals", List.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> field(GenericKubernetesResource resource, String name) {
        return (Map<String, Object>) status(resource).getOrDefault(name, Map.of());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> spec(String kind, String name) {
        return (Map<String, Object>) raffinerie.get(kind, PROD, name).getAdditionalProperties().get("spec");
    }

    @SuppressWarnings("unchecked")
    private static String readyReason(GenericKubernetesResource resource) {
        return ((List<Map<String, Object>>) status(resource).get("conditions")).stream().filter(c -> "Ready".equals(c.get("type")))
                .map(c -> (String) c.get("reason")).findFirst().orElse(null);
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }
}

package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataPromotion;
import io.raffinerie.api.v1alpha1.DataPromotionApproval;
import io.raffinerie.api.v1alpha1.PromotionPhase;
import io.raffinerie.model.Conditions;
import java.util.List;
import java.util.function.Predicate;
import static io.raffinerie.it.PromotionFixtures.approval;
import static io.raffinerie.it.PromotionFixtures.promotion;
import static io.raffinerie.it.PromotionFixtures.ready;
import static io.raffinerie.it.PromotionFixtures.rollback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import jakarta.inject.Inject;

/**
 * Promotions on a real API server, made by the people they are about (impersonated: the API server's userInfo is
 * theirs): Paul, an editor of prod, promotes dev's pipeline; Maria, a manager of prod, approves; Eve, an editor, may
 * not; Paul may not approve his own. The writes keep prod's own schedule and variables, a verification run checks
 * them, a failed verification puts prod back, and a rollback undoes a promotion. The test plays the Job controller.
 */
@QuarkusTest
@ClusterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PromotionIT {
    static final String DEV = "promo-dev";
    static final String PROD = "promo-prod";
    static final String PAUL = "paul@example.com";
    static final String MARIA = "maria@example.com";
    static final String EVE = "eve@example.com";

    @Inject
    KubernetesClient client;

    JobControllerDouble controller;
    KubernetesClient paul;
    KubernetesClient maria;
    KubernetesClient eve;

    @BeforeAll
    void twoEnvironmentsAndThreePeople() {
        controller = new JobControllerDouble(client);
        apply("""
                apiVersion: raffinerie.io/v1alpha1
                kind: DataEnvironment
                metadata: {name: %s}
                spec: {}
                """.formatted(DEV));
        apply("""
                apiVersion: raffinerie.io/v1alpha1
                kind: DataEnvironment
                metadata: {name: %s}
                spec:
                  access:
                    - {role: editor, users: [%s, %s]}
                    - {role: manager, users: [%s]}
                  promotion:
                    from: [%s]
                    verification: {pipelineRef: daily, parameters: {day: "2026-12-01"}}
                    preserve: [schedule, variables]
                """.formatted(PROD, PAUL, EVE, MARIA, DEV));
        for (String name : List.of(DEV, PROD)) {
            await().atMost(Resources.TIMEOUT).until(() -> Conditions.isTrue(status(client.resources(DataEnvironment.class)
                    .withName(name).get()), Conditions.READY));
        }
        // Prod's own copy: its schedule, its warehouse, one step.
        applyJob(PROD, "extract", "echo extract v1", "prod-warehouse");
        applyPipeline(PROD, "0 6 * * *", "extract");
        // Dev's: a new script, dev's schedule and warehouse, and a second job.
        applyJob(DEV, "extract", "echo extract v2", "dev-warehouse");
        applyJob(DEV, "load", "echo load v1", null);
        applyPipeline(DEV, "0 3 * * *", "extract", "load");
        awaitRevision(DEV, "DataPipeline", "daily", 1);
        awaitRevision(PROD, "DataPipeline", "daily", 1);
        awaitRevision(PROD, "DataJob", "extract", 1);
        paul = as(PAUL);
        maria = as(MARIA);
        eve = as(EVE);
    }

    @AfterAll
    void closeClients() {
        List.of(paul, maria, eve).forEach(KubernetesClient::close);
    }

    @Test
    @Order(1)
    void identitiesAreTheApiServersFacts() {
        DataPromotion claimed = paul.resource(promotion("claims-maria", MARIA, "DataPipeline", "daily")).create();
        assertThat(claimed.getSpec().requestedBy).as("filled in at admission, whatever the manifest says").isEqualTo(PAUL);
        DataPromotion early = paul.resource(promotion("early", null, "DataPipeline", "daily")).create();
        assertThat(early.getSpec().requestedBy).as("no requestedBy needed").isEqualTo(PAUL);
        assertThat(awaitReason("early", "PendingApproval").getStatus().requestedBy).isEqualTo(PAUL);
        assertThatThrownBy(() -> paul.resource(approval("early-by-maria", "early", MARIA, "Approved")).create())
                .isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("spec.user must be the user who creates the approval: set it to \"" + PAUL + "\"");
        DataPromotionApproval inGroup = approval("early-as-admin", "early", MARIA, "Approved");
        inGroup.getSpec().groups = List.of("platform-admins");
        assertThatThrownBy(() -> maria.resource(inGroup).create()).isInstanceOf(KubernetesClientException.class)
                .hasMessageContaining("spec.groups may name only groups of the user who creates the approval");
        assertThatThrownBy(() -> client.resources(DataPromotion.class).inNamespace(PROD).withName("early")
                .edit(p -> {
                    p.getSpec().reason = "changed my mind";
                    return p;
                })).isInstanceOf(KubernetesClientException.class).hasMessageContaining("a DataPromotion is immutable");
        maria.resource(approval("early-rejected", "early", MARIA, "Rejected")).create();
        DataPromotion rejected = awaitPhase("early", PromotionPhase.Rejected);
        assertThat(ready(rejected).getMessage()).isEqualTo("rejected by " + MARIA + " (DataPromotionApproval early-rejected)");
        assertThat(client.resources(DataJob.class).inNamespace(PROD).withName("load").get()).as("nothing written").isNull();
    }

    @Test
    @Order(2)
    void aPromotionWaitsForAManagerThenKeepsProdsScheduleAndVariablesAndIsVerified() {
        paul.resource(promotion("go-live", PAUL, "DataPipeline", "daily")).create();
        DataPromotion pending = awaitReason("go-live", "PendingApproval");
        assertThat(ready(pending).getMessage()).isEqualTo("0 of 1 approvals; who may approve: the environment's managers");
        assertThat(pending.getStatus().revision).isEqualTo(1L);
        assertThat(pending.getStatus().diff.summary).contains("DataJob extract", "DataJob load", "DataPipeline daily");
        paul.resource(approval("go-live-by-paul", "go-live", PAUL, "Approved")).create();
        eve.resource(approval("go-live-by-eve", "go-live", EVE, "Approved")).create();
        DataPromotion refused = await().atMost(Resources.TIMEOUT).until(() -> promotionNamed("go-live"),
                p -> p.getStatus() != null && p.getStatus().approvals.size() == 2);
        assertThat(refused.getStatus().phase).isEqualTo(PromotionPhase.PendingApproval);
        assertThat(ready(refused).getMessage()).startsWith("0 of 1 approvals; who may approve: the environment's managers; not counted: ")
                .contains(PAUL + " (SelfApproval)", EVE + " (NotAnApprover)");
        assertThat(client.resources(DataJob.class).inNamespace(PROD).withName("load").get()).as("nothing written yet").isNull();

        maria.resource(approval("go-live-by-maria", "go-live", MARIA, "Approved")).create();
        DataPromotion verifying = awaitPhase("go-live", PromotionPhase.Verifying);
        assertThat(verifying.getStatus().verification.run).isEqualTo("go-live-verify");
        DataPipeline promoted = client.resources(DataPipeline.class).inNamespace(PROD).withName("daily").get();
        assertThat(promoted.getSpec().steps).extracting(s -> s.name).containsExactly("extract", "load");
        assertThat(promoted.getSpec().schedule.cron).as("prod keeps its schedule").isEqualTo("0 6 * * *");
        DataJob extract = client.resources(DataJob.class).inNamespace(PROD).withName("extract").get();
        assertThat(extract.getSpec().script).isEqualTo("echo extract v2");
        assertThat(extract.getSpec().env).as("prod keeps its variables").extracting(v -> v.value).containsExactly("prod-warehouse");
        assertThat(extract.getMetadata().getAnnotations()).containsEntry("raffinerie.io/change-cause",
                "promoted from " + DEV + " (revision 1) by DataPromotion go-live");
        assertThat(client.resources(DataJob.class).inNamespace(PROD).withName("load").get().getSpec().script).isEqualTo("echo load v1");

        controller.runToSuccess(PROD, "go-live-verify-extract");
        controller.runToSuccess(PROD, "go-live-verify-load");
        DataPromotion succeeded = awaitPhase("go-live", PromotionPhase.Succeeded);
        assertThat(ready(succeeded).getStatus()).isEqualTo("True");
        assertThat(succeeded.getStatus().previous).extracting(o -> o.kind + "/" + o.name + "@" + o.revision)
                .containsExactly("DataJob/extract@1", "DataJob/load@null", "DataPipeline/daily@1");
        assertThat(succeeded.getStatus().approvals).filteredOn(a -> a.refused == null).extracting(a -> a.user).containsExactly(MARIA);
    }

    @Test
    @Order(3)
    void aFailedVerificationPutsBackWhatProdHad() {
        applyJob(DEV, "load", "exit 3", null);
        awaitRevision(DEV, "DataPipeline", "daily", 2);
        paul.resource(promotion("broken", PAUL, "DataPipeline", "daily")).create();
        maria.resource(approval("broken-by-maria", "broken", MARIA, "Approved")).create();
        awaitPhase("broken", PromotionPhase.Verifying);
        assertThat(client.resources(DataJob.class).inNamespace(PROD).withName("load").get().getSpec().script).isEqualTo("exit 3");
        controller.runToSuccess(PROD, "broken-verify-extract");
        controller.runToFailure(PROD, "broken-verify-load", 3);
        DataPromotion failed = awaitPhase("broken", PromotionPhase.Failed);
        assertThat(ready(failed).getReason()).isEqualTo("VerificationFailed");
        assertThat(ready(failed).getMessage()).isEqualTo("the verification run broken-verify ended Failed; what the environment"
                + " had before was put back");
        assertThat(failed.getStatus().verification.rolledBack).isTrue();
        assertThat(client.resources(DataJob.class).inNamespace(PROD).withName("load").get().getSpec().script)
                .as("prod's load is what go-live wrote").isEqualTo("echo load v1");
    }

    @Test
    @Order(4)
    void aRollbackUndoesAPromotion() {
        paul.resource(rollback("undo-go-live", "go-live")).create();
        maria.resource(approval("undo-go-live-by-maria", "undo-go-live", MARIA, "Approved")).create();
        awaitPhase("undo-go-live", PromotionPhase.Succeeded);
        DataJob extract = client.resources(DataJob.class).inNamespace(PROD).withName("extract").get();
        assertThat(extract.getSpec().script).isEqualTo("echo extract v1");
        assertThat(extract.getMetadata().getAnnotations()).containsEntry("raffinerie.io/change-cause",
                "rolled back by DataPromotion undo-go-live");
        assertThat(client.resources(DataPipeline.class).inNamespace(PROD).withName("daily").get().getSpec().steps)
                .extracting(s -> s.name).containsExactly("extract");
        await().atMost(Resources.TIMEOUT).until(() -> client.resources(DataJob.class).inNamespace(PROD).withName("load").get() == null);
        awaitRevision(PROD, "DataJob", "extract", 1);
    }

    @Test
    @Order(5)
    void badSourcesGetAReasonThatNamesThem() {
        assertReason(promotion("no-such-env", PAUL, "DataPipeline", "daily", "staging", null), "SourceNotAccepted",
                "DataEnvironment " + PROD + " does not accept promotions from staging; it accepts " + DEV);
        assertReason(promotion("no-such-job", PAUL, "DataJob", "nightly", DEV, null), "SourceNotFound",
                "DataJob nightly in " + DEV + " does not exist");
        assertReason(promotion("no-such-revision", PAUL, "DataJob", "extract", DEV, 9L), "RevisionNotFound",
                "DataJob extract in " + DEV + " has no revision 9");
        assertReason(rollback("undo-nothing", "never-was"), "PromotionNotFound",
                "rollbackOf names never-was, which is no succeeded DataPromotion of " + PROD);
    }

    @Test
    @Order(6)
    void anEnvironmentThatAcceptsNothingOrAnUnknownSourceSaysSo() {
        apply("""
                apiVersion: raffinerie.io/v1alpha1
                kind: DataEnvironment
                metadata: {name: promo-closed}
                spec:
                  access: [{role: editor, users: [%s]}]
                """.formatted(PAUL));
        await().atMost(Resources.TIMEOUT).until(() -> Conditions.isTrue(status(client.resources(DataEnvironment.class)
                .withName("promo-closed").get()), Conditions.READY));
        DataPromotion closed = promotion("into-closed", PAUL, "DataJob", "extract", DEV, null);
        closed.getMetadata().setNamespace("promo-closed");
        paul.resource(closed).create();
        Condition condition = await().atMost(Resources.TIMEOUT).until(() -> ready(client.resource(closed).get()),
                c -> c != null && "SourceNotAccepted".equals(c.getReason()));
        assertThat(condition.getMessage()).isEqualTo("DataEnvironment promo-closed does not accept promotions from " + DEV
                + " (its spec.promotion.from is empty)");
        client.resources(DataEnvironment.class).withName(PROD).edit(e -> {
            e.getSpec().promotion.from = List.of(DEV, "qa");
            return e;
        });
        assertReason(promotion("from-qa", PAUL, "DataJob", "extract", "qa", null), "SourceEnvironmentNotFound",
                "DataEnvironment qa does not exist");
    }

    @Test
    @Order(7)
    void theRevisionAPendingPromotionCopiesIsKeptPastTheHistoryUntilItFinishes() {
        DataJob report = Resources.bashJob(DEV, "report");
        report.getSpec().history = new io.raffinerie.api.v1alpha1.History();
        report.getSpec().history.revisions = 1;
        client.resource(report).serverSideApply();
        awaitRevision(DEV, "DataJob", "report", 1);
        paul.resource(promotion("report-1", PAUL, "DataJob", "report", DEV, 1L)).create();
        awaitReason("report-1", "PendingApproval");
        for (long revision = 2; revision <= 3; revision++) {
            report.getSpec().script = "echo report v" + revision;
            client.resource(report).serverSideApply();
            awaitRevision(DEV, "DataJob", "report", revision);
        }
        await().atMost(Resources.TIMEOUT).until(() -> !revisionExists("report-2"));
        assertThat(revisionExists("report-1")).as("the revision the pending promotion copies").isTrue();
        maria.resource(approval("report-1-rejected", "report-1", MARIA, "Rejected")).create();
        awaitPhase("report-1", PromotionPhase.Rejected);
        await().atMost(Resources.TIMEOUT).until(() -> !revisionExists("report-1"));
        assertThat(revisionExists("report-3")).isTrue();
    }

    private boolean revisionExists(String name) {
        return client.resources(io.raffinerie.api.v1alpha1.DataRevision.class).inNamespace(DEV).withName(name).get() != null;
    }

    private void assertReason(DataPromotion promotion, String reason, String message) {
        paul.resource(promotion).create();
        DataPromotion failed = awaitPhase(promotion.getMetadata().getName(), PromotionPhase.Failed);
        assertThat(ready(failed).getReason()).isEqualTo(reason);
        assertThat(ready(failed).getMessage()).isEqualTo(message);
    }

    private KubernetesClient as(String user) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                .withImpersonateUsername(user).withImpersonateGroups("system:authenticated").build()).build();
    }

    private void apply(String yaml) {
        client.resource(yaml).serverSideApply();
    }

    private void applyJob(String namespace, String name, String script, String warehouse) {
        apply(PromotionFixtures.jobYaml(namespace, name, script, warehouse));
    }

    private void applyPipeline(String namespace, String cron, String... steps) {
        apply(PromotionFixtures.pipelineYaml(namespace, cron, steps));
    }

    private void awaitRevision(String namespace, String kind, String name, long revision) {
        await().atMost(Resources.TIMEOUT).until(() -> {
            var target = "DataJob".equals(kind) ? client.resources(DataJob.class).inNamespace(namespace).withName(name).get()
                    : client.resources(DataPipeline.class).inNamespace(namespace).withName(name).get();
            return target != null && target.getStatus() != null && Long.valueOf(revision).equals(target.getStatus().currentRevision)
                    && target.getMetadata().getGeneration().equals(target.getStatus().observedGeneration);
        });
    }

    private DataPromotion promotionNamed(String name) {
        return client.resources(DataPromotion.class).inNamespace(PROD).withName(name).get();
    }

    private DataPromotion awaitPhase(String name, PromotionPhase phase) {
        return awaitPromotion(name, p -> p.getStatus().phase == phase);
    }

    private DataPromotion awaitReason(String name, String reason) {
        return awaitPromotion(name, p -> ready(p) != null && reason.equals(ready(p).getReason()));
    }

    private DataPromotion awaitPromotion(String name, Predicate<DataPromotion> condition) {
        return await().atMost(Resources.TIMEOUT).ignoreExceptionsMatching(Resources::isClosedConnection)
                .until(() -> promotionNamed(name), p -> p != null && p.getStatus() != null && condition.test(p));
    }

    private static List<Condition> status(DataEnvironment environment) {
        return environment == null || environment.getStatus() == null ? null : environment.getStatus().conditions;
    }
}

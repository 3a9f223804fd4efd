package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPromotion;
import io.raffinerie.api.v1alpha1.PromotionPhase;
import io.raffinerie.model.Conditions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import jakarta.inject.Inject;

/**
 * Promotions into environments Argo CD manages: with spec.promotion.git, a commit to the repository the tool syncs (a
 * real repository served by git daemon), and the live objects untouched; without it, ManagedByGitOps.
 */
@QuarkusTest
@ClusterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GitPromotionIT {
    static final String DEV = "git-dev";
    static final String PROD = "git-prod";
    static final String PLAIN = "git-prod-plain";
    static final String PAUL = "paul@example.com";
    static final String PROD_MANIFEST = """
            apiVersion: raffinerie.io/v1alpha1
            kind: DataJob
            metadata:
              name: extract
              namespace: %s
              labels: {argocd.argoproj.io/instance: prod}
            spec:
              technology: bash
              script: echo v1
            """;

    @Inject
    KubernetesClient client;

    GitRepository repository;
    KubernetesClient paul;

    @BeforeAll
    void aDevAndTwoProdsThatArgoCdManages() {
        repository = GitRepository.serve("prod", Map.of("apps/jobs.yaml", PROD_MANIFEST.formatted(PROD), "README.md", "prod\n"));
        environment(DEV, "");
        environment(PROD, "    git: {repository: \"" + repository.url + "\", path: apps}\n");
        environment(PLAIN, "");
        client.resource(PromotionFixtures.jobYaml(DEV, "extract", "echo v2", null)).serverSideApply();
        for (String namespace : new String[] {PROD, PLAIN}) {
            client.resource(PROD_MANIFEST.formatted(namespace)).fieldManager("argocd-controller").serverSideApply();
        }
        await().atMost(Resources.TIMEOUT).until(() -> {
            DataJob job = client.resources(DataJob.class).inNamespace(DEV).withName("extract").get();
            return job.getStatus() != null && Long.valueOf(1).equals(job.getStatus().currentRevision);
        });
        paul = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                .withImpersonateUsername(PAUL).withImpersonateGroups("system:authenticated").build()).build();
    }

    @AfterAll
    void stop() {
        paul.close();
        repository.close();
    }

    @Test
    void aPromotionIsACommitToTheRepositoryAndTheLiveObjectIsUntouched() {
        DataPromotion promotion = PromotionFixtures.promotion("go-live", PAUL, "DataJob", "extract", DEV, null);
        promotion.getMetadata().setNamespace(PROD);
        paul.resource(promotion).create();
        DataPromotion done = awaitFinished(PROD, "go-live");
        Condition ready = PromotionFixtures.ready(done);
        assertThat(done.getStatus().phase).as(ready.getMessage()).isEqualTo(PromotionPhase.Succeeded);
        assertThat(ready.getReason()).isEqualTo("Committed");
        String head = repository.git("rev-parse", "main").trim();
        assertThat(done.getStatus().git.commit).isEqualTo(head);
        assertThat(done.getStatus().git.files).containsExactly("apps/jobs.yaml");
        assertThat(repository.git("log", "-1", "--format=%an <%ae>%n%B", "main"))
                .startsWith("Raffinerie <raffinerie@raffinerie.io>\nPromote DataJob extract (revision 1) from " + DEV)
                .contains("Requested by " + PAUL, "Raffinerie-Promotion: " + PROD + "/go-live");
        String manifest = repository.git("show", "main:apps/jobs.yaml");
        assertThat(manifest).contains("script: echo v2", "argocd.argoproj.io/instance: prod",
                "raffinerie.io/change-cause: promoted from " + DEV + " (revision 1) by DataPromotion go-live")
                .doesNotContain("echo v1");
        assertThat(repository.git("show", "main:README.md")).isEqualTo("prod\n");
        assertThat(client.resources(DataJob.class).inNamespace(PROD).withName("extract").get().getSpec().script)
                .as("the live object is Argo CD's to change").isEqualTo("echo v1");
    }

    @Test
    void withoutARepositoryAGitOpsManagedTargetIsRefused() {
        DataPromotion promotion = PromotionFixtures.promotion("go-live", PAUL, "DataJob", "extract", DEV, null);
        promotion.getMetadata().setNamespace(PLAIN);
        paul.resource(promotion).create();
        DataPromotion failed = awaitFinished(PLAIN, "go-live");
        assertThat(PromotionFixtures.ready(failed).getReason()).isEqualTo("ManagedByGitOps");
        assertThat(PromotionFixtures.ready(failed).getMessage()).isEqualTo("DataJob extract in " + PLAIN
                + " is managed by Argo CD (field manager argocd-controller): the operator never writes it; set"
                + " spec.promotion.git on the DataEnvironment to commit promotions to the repository the tool syncs, or change"
                + " the manifest there");
    }

    private DataPromotion awaitFinished(String namespace, String name) {
        return await().atMost(Resources.TIMEOUT).until(() -> client.resources(DataPromotion.class).inNamespace(namespace)
                .withName(name).get(), p -> p != null && p.getStatus() != null && p.getStatus().phase != null
                && p.getStatus().phase.isFinished());
    }

    private void environment(String name, String git) {
        client.resource("""
                apiVersion: raffinerie.io/v1alpha1
                kind: DataEnvironment
                metadata: {name: %s}
                spec:
                  access: [{role: editor, users: [%s]}]
                  promotion:
                    from: [%s]
                    approvals: {count: 0}
                %s""".formatted(name, PAUL, DEV, git)).serverSideApply();
        await().atMost(Resources.TIMEOUT).until(() -> {
            DataEnvironment environment = client.resources(DataEnvironment.class).withName(name).get();
            return environment.getStatus() != null && Conditions.isTrue(environment.getStatus().conditions, Conditions.READY);
        });
    }
}

package io.raffinerie.it;

import io.raffinerie.api.v1alpha1.DataPromotion;
import io.raffinerie.api.v1alpha1.PromotionPhase;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.AccessEntry;
import io.raffinerie.api.v1alpha1.AccessRole;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.model.revision.Revisions;
import io.raffinerie.api.v1alpha1.DataPipelineSpec;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.Parameter;
import io.raffinerie.operator.dashboard.DashboardCache;
import io.raffinerie.operator.dashboard.DashboardException;
import io.raffinerie.operator.dashboard.DashboardUser;
import io.raffinerie.operator.dashboard.UserActions;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard's authentication and authorization on a real API server: ServiceAccount tokens checked by
 * TokenReview, rights from the RoleBindings an environment's access list creates, actions performed as the user.
 */
@QuarkusTest
@ClusterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {
    static final String NS = "dash";
    static final String OTHER = "dash-hidden";
    static final String PEOPLE = "dash-people";
    static final String SCRIPT = "<script>alert('x')</script>";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @Inject
    KubernetesClient client;

    @Inject
    DashboardCache cache;

    @Inject
    UserActions actions;

    String viewer;
    String editor;

    @BeforeAll
    void environmentsPeopleAndAPipeline() {
        Resources.createNamespace(client, PEOPLE);
        viewer = token("viewer");
        editor = token("editor");
        environment(NS, List.of(access(AccessRole.viewer, "viewer"), access(AccessRole.editor, "editor")));
        environment(OTHER, List.of());
        client.resource(Resources.bashJob(NS, "extract")).serverSideApply();
        client.resource(Resources.bashJob(NS, "load")).serverSideApply();
        DataPipeline pipeline = new DataPipeline();
        pipeline.getMetadata().setName("daily");
        pipeline.getMetadata().setNamespace(NS);
        pipeline.setSpec(new DataPipelineSpec());
        pipeline.getSpec().steps = List.of(Resources.step("extract", null), Resources.step("load", null, "extract"));
        Parameter day = new Parameter("DAY", "today");
        day.description = SCRIPT;
        pipeline.getSpec().parameters = List.of(day);
        client.resource(pipeline).serverSideApply();
        // The RoleBindings are the operator's work (the environment is Ready); the dashboard's cache follows.
        await().atMost(Resources.TIMEOUT).until(() -> cache.synced() && cache.pipeline(NS, "daily").isPresent());
    }

    @Test
    void anonymousIsSentToTheLoginForm() {
        Response overview = given().redirects().follow(false).get("/");
        assertThat(overview.statusCode()).isEqualTo(303);
        assertThat(overview.header("Location")).endsWith("/login");
        assertThat(given().redirects().follow(false).get("/ns/" + NS + "/pipelines/daily").header("Location")).endsWith("/login");
        assertThat(given().get("/login").asString()).contains("<form method=\"post\" action=\"/login\">", "name=\"token\"");
        assertThat(page("not-a-token", "/").statusCode()).isEqualTo(303);
    }

    @Test
    void theLoginFormChecksTheTokenAndKeepsItSealedInAStrictHttpOnlyCookie() {
        Response refused = given().redirects().follow(false).formParam("token", "nope").post("/login");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.asString()).contains("did not accept this token");
        Response accepted = given().redirects().follow(false).formParam("token", viewer).post("/login");
        assertThat(accepted.statusCode()).isEqualTo(303);
        String cookie = accepted.header("Set-Cookie");
        assertThat(cookie).startsWith("raffinerie_session=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        String sealed = accepted.getCookie("raffinerie_session");
        assertThat(sealed).as("the cookie never holds the token").doesNotContain(viewer).doesNotContain(viewer.split("\\.")[1]);
        assertThat(given().cookie("raffinerie_session", sealed).get("/").asString()).contains("system:serviceaccount:" + PEOPLE + ":viewer");
    }

    @Test
    void aTamperedForeignOrRawTokenCookieSignsOut() {
        String sealed = session(viewer);
        char last = sealed.charAt(sealed.length() - 2);
        String tampered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
        for (String cookie : List.of(tampered, viewer, "AQ" + sealed.substring(2, 40))) {
            Response out = given().redirects().follow(false).cookie("raffinerie_session", cookie).get("/");
            assertThat(out.statusCode()).isEqualTo(303);
            assertThat(out.header("Location")).endsWith("/login");
            assertThat(out.header("Set-Cookie")).as("the cookie is cleared").startsWith("raffinerie_session=;").contains("Max-Age=0");
        }
    }

    @Test
    void aValidTokenOfAPrivilegedIdentityIsRefusedAndNothingIsDoneAsIt() {
        Resources.createNamespace(client, "raffinerie-system");
        client.resource(new ServiceAccountBuilder().withNewMetadata().withName("raffinerie-operator").withNamespace("raffinerie-system")
                .endMetadata().build()).serverSideApply();
        String operatorToken = client.serviceAccounts().inNamespace("raffinerie-system").withName("raffinerie-operator")
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L).endSpec().build()).getStatus().getToken();
        Response login = given().redirects().follow(false).formParam("token", operatorToken).post("/login");
        assertThat(login.statusCode()).isEqualTo(403);
        assertThat(login.asString()).contains("does not act for the privileged user system:serviceaccount:raffinerie-system:raffinerie-operator");
        assertThat(login.header("Set-Cookie")).isNull();
        assertThat(page(operatorToken, "/").statusCode()).isEqualTo(403);
        // However a privileged identity reached UserActions, it is refused before any impersonated call.
        DashboardUser masters = new DashboardUser("mallory", List.of("system:authenticated", "system:masters"), "csrf");
        assertThatThrownBy(() -> actions.start(masters, NS, "pipeline", "daily", Map.of(), null, false))
                .isInstanceOf(DashboardException.class).hasMessageContaining("privileged group system:masters");
        assertThatThrownBy(() -> actions.cancel(masters, NS, "any")).isInstanceOf(DashboardException.class);
    }

    @Test
    void aJobsPageListsItsRevisionsAndShowsTheDiffBetweenTwo() {
        DataJob job = Resources.bashJob(NS, "revised");
        job.getSpec().script = "echo before";
        client.resource(job).serverSideApply();
        // A spec replaced before the controller saw it gets no revision of its own: wait for the first.
        await().atMost(Resources.TIMEOUT).until(() -> cache.revisions(NS, "DataJob", "revised").size() == 1);
        job.getSpec().script = "echo after";
        job.getMetadata().setAnnotations(Map.of(Revisions.CHANGE_CAUSE, SCRIPT));
        client.resource(job).serverSideApply();
        await().atMost(Resources.TIMEOUT).until(() -> cache.revisions(NS, "DataJob", "revised").size() == 2
                && cache.job(NS, "revised").map(j -> j.getStatus() != null && Long.valueOf(2).equals(j.getStatus().currentRevision))
                        .orElse(false));
        String jobPage = page(viewer, "/ns/" + NS + "/jobs/revised").asString();
        assertThat(jobPage).contains("<code>revised-2</code> <span class=\"phase Succeeded\">current</span>", "<code>revised-1</code>",
                "action=\"/ns/" + NS + "/jobs/revised/diff\"").doesNotContain(SCRIPT).contains("&lt;script&gt;");
        String diff = page(viewer, "/ns/" + NS + "/jobs/revised/diff?from=1&to=2").asString();
        assertThat(diff).contains("<span class=\"removed\">-  &quot;script&quot; : &quot;echo before&quot;",
                "<span class=\"added\">+  &quot;script&quot; : &quot;echo after&quot;");
        assertThat(page(viewer, "/ns/" + NS + "/jobs/revised/diff?from=2&to=2").asString()).contains("hold the same spec");
        assertThat(page(viewer, "/ns/" + NS + "/jobs/revised/diff?from=1&to=9").statusCode()).isEqualTo(404);
        assertThat(page(viewer, "/ns/" + OTHER + "/jobs/revised/diff?from=1&to=2").statusCode()).as("a namespace they may not read")
                .isEqualTo(404);
    }

    @Test
    void theEnvironmentPageListsItsPromotionsAndEachHasAPage() {
        String requester = "system:serviceaccount:" + PEOPLE + ":editor";
        DataPromotion promotion = PromotionFixtures.promotion("from-hidden", requester, "DataPipeline", "daily", OTHER, null);
        promotion.getMetadata().setNamespace(NS);
        promotion.getSpec().reason = SCRIPT;
        try (KubernetesClient asEditor = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                .withImpersonateUsername(requester).withImpersonateGroups("system:authenticated").build()).build()) {
            asEditor.resource(promotion).create();
        }
        await().atMost(Resources.TIMEOUT).until(() -> cache.promotion(NS, "from-hidden")
                .map(p -> p.getStatus() != null && p.getStatus().phase == PromotionPhase.Failed).orElse(false));
        assertThat(page(viewer, "/ns/" + NS).asString()).contains("<a href=\"/ns/" + NS + "/promotions/from-hidden\">from-hidden</a>",
                "<td>DataPipeline daily</td>", "<span class=\"phase Failed\" title=\"SourceNotAccepted: ");
        String detail = page(viewer, "/ns/" + NS + "/promotions/from-hidden").asString();
        assertThat(detail).contains("<span class=\"phase Failed\" id=\"promotion-phase\">Failed</span>",
                "<dd id=\"promotion-requester\">" + requester + "</dd>",
                "<code>SourceNotAccepted</code> DataEnvironment " + NS + " does not accept promotions from " + OTHER)
                .doesNotContain(SCRIPT).contains("&lt;script&gt;");
        assertThat(page(viewer, "/ns/" + NS + "/promotions/none").statusCode()).isEqualTo(404);
        assertThat(page(viewer, "/ns/" + OTHER + "/promotions/from-hidden").statusCode()).as("a namespace they may not read")
                .isEqualTo(404);
    }

    @Test
    void aViewerSeesOnlyWhatTheyMayReadAndNoRunButton() {
        String overview = page(viewer, "/").asString();
        assertThat(overview).contains("href=\"/ns/" + NS + "\"").doesNotContain(OTHER);
        assertThat(page(viewer, "/ns/" + OTHER).statusCode()).isEqualTo(404);
        String pipeline = page(viewer, "/ns/" + NS + "/pipelines/daily").asString();
        assertThat(pipeline).contains("data-step=\"extract\"", "data-step=\"load\"").doesNotContain("Run now");
        assertThat(page(editor, "/ns/" + NS + "/pipelines/daily").asString()).contains("id=\"run-now\"");
    }

    @Test
    void theCatalogPageShowsTheTechnologiesAndOnlyTheJobsTheUserMayRead() {
        String catalog = page(viewer, "/catalog").asString();
        assertThat(catalog).contains("Technology catalog").contains("python:3.12.8-slim-bookworm").contains("Recommended")
                .contains("apache/spark:3.5.3").doesNotContain("/ns/" + OTHER + "/");
        assertThat(page(viewer, "/").asString()).contains("href=\"/catalog\"");
    }

    @Test
    void actionsWithoutTheSessionsCsrfTokenAreRefused() {
        Response noToken = given().redirects().follow(false).cookie("raffinerie_session", session(editor))
                .formParam("kind", "pipeline").formParam("target", "daily").post("/ns/" + NS + "/runs");
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.asString()).contains("CSRF").doesNotContain("at io.");
        Response othersToken = given().redirects().follow(false).cookie("raffinerie_session", session(editor))
                .formParam("csrf", csrf(viewer)).formParam("kind", "pipeline").formParam("target", "daily").post("/ns/" + NS + "/runs");
        assertThat(othersToken.statusCode()).isEqualTo(403);
        Response viewerRun = given().redirects().follow(false).cookie("raffinerie_session", session(viewer))
                .formParam("csrf", csrf(viewer)).formParam("kind", "pipeline").formParam("target", "daily").post("/ns/" + NS + "/runs");
        assertThat(viewerRun.statusCode()).as("a viewer may not start runs").isEqualTo(403);
    }

    @Test
    void anEditorStartsARunWithAParameterAsThemselvesAndCancelsIt() {
        Response started = given().redirects().follow(false).cookie("raffinerie_session", session(editor))
                .formParam("csrf", csrf(editor)).formParam("kind", "pipeline").formParam("target", "daily")
                .formParam("param.DAY", SCRIPT).post("/ns/" + NS + "/runs");
        assertThat(started.statusCode()).isEqualTo(303);
        String location = started.header("Location");
        String name = location.substring(location.lastIndexOf('/') + 1);
        DataRun run = client.resources(DataRun.class).inNamespace(NS).withName(name).get();
        assertThat(run.getSpec().pipelineRef).isEqualTo("daily");
        assertThat(run.getSpec().parameters).containsEntry("DAY", SCRIPT);
        assertThat(run.getMetadata().getManagedFields()).anySatisfy(field -> assertThat(field.getManager()).isNotBlank());
        await().atMost(Resources.TIMEOUT).until(() -> page(editor, "/ns/" + NS + "/runs/" + name).statusCode() == 200);
        String runPage = page(editor, "/ns/" + NS + "/runs/" + name).asString();
        assertThat(runPage).as("escaped").doesNotContain(SCRIPT).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(page(editor, "/ns/" + NS + "/pipelines/daily").asString()).doesNotContain(SCRIPT).contains("&lt;script&gt;");

        Response cancelled = given().redirects().follow(false).cookie("raffinerie_session", session(editor))
                .formParam("csrf", csrf(editor)).post("/ns/" + NS + "/runs/" + name + "/cancel");
        assertThat(cancelled.statusCode()).isEqualTo(303);
        assertThat(client.resources(DataRun.class).inNamespace(NS).withName(name).get().getSpec().cancel).isTrue();
    }

    @Test
    void aFailedPipelineRunOffersBothRetriesAndEachInheritsItsParameters() {
        Response started = given().redirects().follow(false).cookie("raffinerie_session", session(editor))
                .formParam("csrf", csrf(editor)).formParam("kind", "pipeline").formParam("target", "daily")
                .formParam("param.DAY", "black-friday").post("/ns/" + NS + "/runs");
        String failed = started.header("Location").substring(started.header("Location").lastIndexOf('/') + 1);
        new JobControllerDouble(client).runToFailure(NS, failed + "-extract", 1);
        await().atMost(Resources.TIMEOUT).until(() -> page(editor, "/ns/" + NS + "/runs/" + failed).asString().contains("id=\"retry-latest\""));
        assertThat(page(editor, "/ns/" + NS + "/runs/" + failed).asString()).contains("Retry from failure")
                .contains("Retry with the latest pipeline and jobs");

        Map<String, DataRun> retries = new java.util.HashMap<>();
        for (String mode : List.of("original", "latest")) {
            Response retried = given().redirects().follow(false).cookie("raffinerie_session", session(editor))
                    .formParam("csrf", csrf(editor)).formParam("mode", mode).post("/ns/" + NS + "/runs/" + failed + "/retry");
            assertThat(retried.statusCode()).as(mode).isEqualTo(303);
            String name = retried.header("Location").substring(retried.header("Location").lastIndexOf('/') + 1);
            retries.put(mode, client.resources(DataRun.class).inNamespace(NS).withName(name).get());
        }
        assertThat(retries.values()).allSatisfy(retry -> {
            assertThat(retry.getSpec().retryOf).isEqualTo(failed);
            assertThat(retry.getSpec().parameters).as("a retry inherits; nothing is overridden").isNull();
        });
        assertThat(retries.get("original").getSpec().retry).isNull();
        assertThat(retries.get("latest").getSpec().retry.useLatest).isTrue();
        DataRun latest = Resources.awaitRun(client, NS, retries.get("latest").getMetadata().getName(),
                r -> r.getStatus() != null && r.getStatus().parameters != null);
        assertThat(latest.getStatus().parameters).containsEntry("DAY", "black-friday");
        assertThat(page(editor, "/ns/" + NS + "/runs/" + latest.getMetadata().getName()).asString())
                .contains("with the latest pipeline and jobs").contains("black-friday");

        Response bogus = given().redirects().follow(false).cookie("raffinerie_session", session(editor))
                .formParam("csrf", csrf(editor)).formParam("mode", "newest").post("/ns/" + NS + "/runs/" + failed + "/retry");
        assertThat(bogus.statusCode()).isEqualTo(400);
        assertThat(bogus.asString()).contains("mode must be original");
    }

    @Test
    void badInputGetsAClearPageNeverAStackTrace() {
        Response badName = page(editor, "/ns/NOT_A_NAME/runs/x");
        assertThat(badName.statusCode()).isEqualTo(404);
        assertThat(badName.asString()).contains("does not exist, or you may not read it").doesNotContain("Exception");
        Response unknownParameter = given().redirects().follow(false).cookie("raffinerie_session", session(editor))
                .formParam("csrf", csrf(editor)).formParam("kind", "pipeline").formParam("target", "daily")
                .formParam("param.NOPE", "1").post("/ns/" + NS + "/runs");
        assertThat(unknownParameter.statusCode()).isEqualTo(400);
        assertThat(unknownParameter.asString()).contains("Unknown parameter").doesNotContain("Exception");
        assertThat(page(editor, "/no/such/page").statusCode()).isEqualTo(404);
        assertThat(page(editor, "/").header("Content-Security-Policy")).contains("script-src 'self'");
    }

    private Response page(String token, String path) {
        return given().redirects().follow(false).header("Authorization", "Bearer " + token).get(path);
    }

    /** Signs in through the form: the sealed session cookie. */
    private String session(String token) {
        Response login = given().redirects().follow(false).formParam("token", token).post("/login");
        assertThat(login.statusCode()).isEqualTo(303);
        return login.getCookie("raffinerie_session");
    }

    private String csrf(String token) {
        Matcher matcher = CSRF.matcher(page(token, "/").asString());
        assertThat(matcher.find()).as("a CSRF field on the page").isTrue();
        return matcher.group(1);
    }

    private String token(String name) {
        client.resource(new ServiceAccountBuilder().withNewMetadata().withName(name).withNamespace(PEOPLE).endMetadata().build())
                .serverSideApply();
        return client.serviceAccounts().inNamespace(PEOPLE).withName(name)
                .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build())
                .getStatus().getToken();
    }

    private static AccessEntry access(AccessRole role, String serviceAccount) {
        AccessEntry entry = new AccessEntry();
        entry.role = role;
        entry.serviceAccounts = List.of(PEOPLE + "/" + serviceAccount);
        return entry;
    }

    private void environment(String name, List<AccessEntry> access) {
        DataEnvironment environment = new DataEnvironment();
        environment.getMetadata().setName(name);
        environment.setSpec(new DataEnvironmentSpec());
        environment.getSpec().access = access.isEmpty() ? null : access;
        Resources.awaitReady(client, client.resource(environment).serverSideApply());
    }
}

package io.raffinerie.operator.dashboard;

import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPromotion;
import io.raffinerie.api.v1alpha1.DataRevision;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.RevisionTarget;
import io.raffinerie.model.dashboard.PromotionViews;
import io.raffinerie.model.dashboard.RevisionViews;
import io.raffinerie.model.revision.Revisions;
import io.raffinerie.model.dashboard.CatalogView;
import io.raffinerie.model.dashboard.Overview;
import io.raffinerie.model.dashboard.TargetViews;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.run.RunMeasures;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/** The dashboard's pages, rendered from the dashboard's caches for what the signed-in user may read. */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public class DashboardPages {
    /** Namespaces and object names: DNS subdomains, checked before any lookup so bad input reads as not found. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    @Inject
    DashboardCache cache;

    @Inject
    Authenticator authenticator;

    @Inject
    AccessReviews access;

    @Inject
    Clock clock;

    @GET
    public String overview(HttpHeaders headers) {
        DashboardUser user = user(headers);
        if (!cache.synced()) {
            return Pages.overview(Chrome.of("Overview", user, true), Overview.Page.EMPTY)
                    .render();
        }
        List<Overview.EnvironmentContent> visible = cache.environments().stream()
                .filter(environment -> access.rights(user, EnvironmentModel.namespaceOf(environment)).read())
                .map(this::content)
                .toList();
        return Pages.overview(Chrome.of("Overview", user, false), Overview.of(visible, clock.instant())).render();
    }

    /** The technology catalog: every signed-in user may read it; the jobs listed are those of namespaces they may read. */
    @GET
    @Path("catalog")
    public String catalog(HttpHeaders headers) {
        DashboardUser user = user(headers);
        if (!cache.synced()) {
            return Pages.catalog(Chrome.of("Catalog", user, true), CatalogView.of(List.of(), List.of())).render();
        }
        List<DataJob> visible = cache.environments().stream().map(EnvironmentModel::namespaceOf).distinct()
                .filter(namespace -> access.rights(user, namespace).read())
                .flatMap(namespace -> cache.jobs(namespace).stream()).toList();
        return Pages.catalog(Chrome.of("Catalog", user, false), CatalogView.of(cache.technologies(), visible)).render();
    }

    @GET
    @Path("ns/{namespace}")
    public String environment(@PathParam("namespace") String namespace, HttpHeaders headers) {
        DashboardUser user = user(headers);
        AccessReviews.Rights rights = readable(user, namespace);
        DataEnvironment environment = cache.environmentOf(namespace)
                .orElseThrow(() -> DashboardException.notFound("The environment of namespace " + namespace));
        TargetViews.EnvironmentPage page = TargetViews.environment(content(environment), cache.promotions(namespace), clock.instant());
        return Pages.environment(Chrome.of(page.environment(), user, false), page, rights).render();
    }

    /** A job's or a pipeline's page: {@code kind} is the path segment, jobs or pipelines. */
    @GET
    @Path("ns/{namespace}/{kind:jobs|pipelines}/{name}")
    public String target(@PathParam("namespace") String namespace, @PathParam("kind") String kind,
            @PathParam("name") String name, HttpHeaders headers) {
        DashboardUser user = user(headers);
        AccessReviews.Rights rights = readable(user, namespace);
        boolean isJob = "jobs".equals(kind);
        String title = (isJob ? "Job " : "Pipeline ") + name;
        checkName(name, title);
        TargetViews.TargetPage page = isJob
                ? TargetViews.job(cache.job(namespace, name).orElseThrow(() -> DashboardException.notFound(title)),
                        runsOf(namespace, RunMeasures.JOB, name), clock.instant())
                : TargetViews.pipeline(cache.pipeline(namespace, name).orElseThrow(() -> DashboardException.notFound(title)),
                        runsOf(namespace, RunMeasures.PIPELINE, name), clock.instant());
        String targetKind = isJob ? RevisionTarget.JOB : RevisionTarget.PIPELINE;
        Long current = isJob ? cache.job(namespace, name).map(j -> j.getStatus() == null ? null : j.getStatus().currentRevision).orElse(null)
                : cache.pipeline(namespace, name).map(p -> p.getStatus() == null ? null : p.getStatus().currentRevision).orElse(null);
        RevisionViews.RevisionList revisions = RevisionViews.list("/ns/" + namespace + "/" + kind + "/" + name + "/diff",
                cache.revisions(namespace, targetKind, name), current);
        return Pages.target(Chrome.of(title, user, false), page, rights, revisions).render();
    }

    /** The diff between two revisions of a job or a pipeline, by number. */
    @GET
    @Path("ns/{namespace}/{kind:jobs|pipelines}/{name}/diff")
    public String diff(@PathParam("namespace") String namespace, @PathParam("kind") String kind, @PathParam("name") String name,
            @QueryParam("from") long from, @QueryParam("to") long to, HttpHeaders headers) {
        DashboardUser user = user(headers);
        readable(user, namespace);
        String targetKind = "jobs".equals(kind) ? RevisionTarget.JOB : RevisionTarget.PIPELINE;
        checkName(name, targetKind);
        List<DataRevision> known = cache.revisions(namespace, targetKind, name);
        DataRevision before = Revisions.numbered(known, from)
                .orElseThrow(() -> DashboardException.notFound("Revision " + from + " of " + targetKind + " " + name));
        DataRevision after = Revisions.numbered(known, to)
                .orElseThrow(() -> DashboardException.notFound("Revision " + to + " of " + targetKind + " " + name));
        List<RevisionViews.DiffLine> lines = RevisionViews.diff(before, after);
        String title = targetKind.substring(4) + " " + name + ": revision " + from + " against " + to;
        return Pages.diff(Chrome.of(title, user, false), new RevisionViews.DiffPage(namespace, targetKind.substring(4), name,
                "/ns/" + namespace + "/" + kind + "/" + name, from, to, lines, lines.isEmpty())).render();
    }

    /** A promotion into the namespace's environment: what it copies, its approvals, writes and verification. */
    @GET
    @Path("ns/{namespace}/promotions/{name}")
    public String promotion(@PathParam("namespace") String namespace, @PathParam("name") String name, HttpHeaders headers) {
        DashboardUser user = user(headers);
        readable(user, namespace);
        checkName(name, "Promotion");
        DataPromotion promotion = cache.promotion(namespace, name).orElseThrow(() -> DashboardException.notFound("Promotion " + name));
        return Pages.promotion(Chrome.of("Promotion " + name, user, false), PromotionViews.page(promotion)).render();
    }

    @GET
    @Path("ns/{namespace}/runs/{name}")
    public String run(@PathParam("namespace") String namespace, @PathParam("name") String name, HttpHeaders headers) {
        DashboardUser user = user(headers);
        RunPage page = runPage(user, namespace, name);
        return Pages.run(Chrome.of("Run " + name, user, false), page).render();
    }

    /** The live part of the run page, which htmx fetches every two seconds while the run is active. */
    @GET
    @Path("ns/{namespace}/runs/{name}/live")
    public String runLive(@PathParam("namespace") String namespace, @PathParam("name") String name, HttpHeaders headers) {
        DashboardUser user = user(headers);
        return Pages.runLive(Chrome.of("Run " + name, user, false), runPage(user, namespace, name)).render();
    }

    private RunPage runPage(DashboardUser user, String namespace, String name) {
        AccessReviews.Rights rights = readable(user, namespace);
        checkName(name, "Run");
        DataRun run = cache.run(namespace, name).orElseThrow(() -> DashboardException.notFound("Run " + name));
        return RunPage.of(run, rights, clock.instant());
    }

    private DashboardUser user(HttpHeaders headers) {
        return authenticator.authenticate(headers).orElseThrow(LoginRequired::new);
    }

    /** The user's rights in a namespace they may read; any other namespace reads as missing, so none is revealed. */
    AccessReviews.Rights readable(DashboardUser user, String namespace) {
        checkName(namespace, "Namespace");
        if (!cache.synced()) {
            throw new DashboardException(503, "Starting", "The dashboard is still loading; try again in a few seconds.");
        }
        AccessReviews.Rights rights = access.rights(user, namespace);
        if (!rights.read()) {
            throw DashboardException.notFound("Namespace " + namespace);
        }
        return rights;
    }

    static void checkName(String name, String what) {
        if (name == null || name.length() > 253 || !NAME.matcher(name).matches()) {
            throw DashboardException.notFound(what + " '" + (name == null ? "" : name.length() > 80 ? name.substring(0, 80) + "…" : name) + "'");
        }
    }

    private Overview.EnvironmentContent content(DataEnvironment environment) {
        String namespace = EnvironmentModel.namespaceOf(environment);
        return new Overview.EnvironmentContent(environment, namespace, cache.jobs(namespace), cache.pipelines(namespace),
                cache.runs(namespace));
    }

    private List<DataRun> runsOf(String namespace, String kind, String name) {
        return cache.runs(namespace).stream().filter(run -> run.getSpec() != null)
                .filter(run -> RunMeasures.Target.of(run).equals(new RunMeasures.Target(namespace, kind, name))).toList();
    }
}

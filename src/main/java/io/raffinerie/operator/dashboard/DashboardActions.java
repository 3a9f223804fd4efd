package io.raffinerie.operator.dashboard;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.Parameter;
import io.raffinerie.operator.common.OperatorSettings;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sign-in and the three actions: run now (with parameters), cancel, and retry from failure. Every action needs the
 * form's CSRF token and is performed as the user, so the API server's RBAC and admission rules decide.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public class DashboardActions {
    static final String PARAMETER_PREFIX = "param.";

    @Inject
    Authenticator authenticator;

    @Inject
    DashboardPages pages;

    @Inject
    DashboardCache cache;

    @Inject
    UserActions actions;

    @Inject
    OperatorSettings settings;

    @GET
    @Path("login")
    public String loginForm() {
        return Pages.login("").render();
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(MultivaluedMap<String, String> form) {
        String token = form.getFirst("token");
        if (authenticator.review(token).isEmpty()) {
            return Response.status(401).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(Pages.login("The API server did not accept this token.").render()).build();
        }
        return Response.seeOther(URI.create("/")).cookie(DashboardFilters.cookie(Authenticator.SESSION_COOKIE,
                authenticator.sessionCookie(token), settings.dashboard().secureCookies(),
                (int) settings.dashboard().sessionLifetime().toSeconds())).build();
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(MultivaluedMap<String, String> form, HttpHeaders headers) {
        checked(form, headers);
        return Response.seeOther(URI.create("/login"))
                .cookie(DashboardFilters.signedOut(settings.dashboard().secureCookies())).build();
    }

    @POST
    @Path("ns/{namespace}/runs")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response start(@PathParam("namespace") String namespace, MultivaluedMap<String, String> form, HttpHeaders headers) {
        DashboardUser user = checked(form, headers);
        AccessReviews.Rights rights = pages.readable(user, namespace);
        if (!rights.run()) {
            throw DashboardException.forbidden("You may not start runs in " + namespace + ".");
        }
        String kind = form.getFirst("kind");
        String target = form.getFirst("target");
        DashboardPages.checkName(target, "Target");
        List<Parameter> declared;
        if ("job".equals(kind)) {
            declared = cache.job(namespace, target).map(j -> orNone(j.getSpec().parameters))
                    .orElseThrow(() -> DashboardException.notFound("Job " + target));
        } else if ("pipeline".equals(kind)) {
            declared = cache.pipeline(namespace, target).map(p -> orNone(p.getSpec().parameters))
                    .orElseThrow(() -> DashboardException.notFound("Pipeline " + target));
        } else {
            throw DashboardException.badRequest("kind must be job or pipeline.");
        }
        DataRun run = act(() -> actions.start(user, namespace, kind, target, parameters(form, declared), null, false));
        return toRun(run);
    }

    /** Cancel (a merge patch of spec.cancel) or retry from failure (a new run with spec.retryOf) of an existing run. */
    @POST
    @Path("ns/{namespace}/runs/{name}/{action:cancel|retry}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response onRun(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @PathParam("action") String action, MultivaluedMap<String, String> form, HttpHeaders headers) {
        DashboardUser user = checked(form, headers);
        DataRun existing = existing(user, namespace, name);
        if ("cancel".equals(action)) {
            act(() -> {
                actions.cancel(user, namespace, name);
                return existing;
            });
            return toRun(existing);
        }
        String mode = form.getFirst("mode");
        if (mode != null && !List.of("original", "latest").contains(mode)) {
            throw DashboardException.badRequest("mode must be original (rerun what the run ran) or latest (the pipeline and jobs"
                    + " as they are now).");
        }
        return toRun(act(() -> actions.retry(user, existing, "latest".equals(mode))));
    }

    private DataRun existing(DashboardUser user, String namespace, String name) {
        pages.readable(user, namespace);
        DashboardPages.checkName(name, "Run");
        DataRun run = cache.run(namespace, name).orElseThrow(() -> DashboardException.notFound("Run " + name));
        if (run.getSpec() == null) {
            throw DashboardException.badRequest("Run " + name + " has no spec.");
        }
        return run;
    }

    /** The signed-in user, when the form carries their CSRF token; a forged or replayed-elsewhere form is refused. */
    private DashboardUser checked(MultivaluedMap<String, String> form, HttpHeaders headers) {
        DashboardUser user = authenticator.authenticate(headers).orElseThrow(LoginRequired::new);
        String sent = form.getFirst("csrf");
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                user.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            throw DashboardException.forbidden("This form is not from your dashboard session (missing or wrong CSRF token). "
                    + "Reload the page and try again.");
        }
        return user;
    }

    /** The non-empty param.NAME fields, each a declared parameter; empty fields take the parameter's default. */
    static Map<String, String> parameters(MultivaluedMap<String, String> form, List<Parameter> declared) {
        Set<String> names = declared == null ? Set.of() : declared.stream().map(p -> p.name).collect(Collectors.toSet());
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> field : form.entrySet()) {
            if (!field.getKey().startsWith(PARAMETER_PREFIX) || field.getValue().isEmpty()) {
                continue;
            }
            String name = field.getKey().substring(PARAMETER_PREFIX.length());
            if (!names.contains(name)) {
                throw DashboardException.badRequest("Unknown parameter '" + name + "'.");
            }
            String value = field.getValue().get(0);
            if (value != null && !value.isEmpty()) {
                values.put(name, value);
            }
        }
        return values;
    }

    private static List<Parameter> orNone(List<Parameter> parameters) {
        return parameters == null ? List.of() : parameters;
    }

    private interface ApiCall<T> {
        T call();
    }

    /** What the API server refuses is shown with its own words: RBAC's denial, admission's validation message. */
    private static <T> T act(ApiCall<T> call) {
        try {
            return call.call();
        } catch (KubernetesClientException e) {
            String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
            if (e.getCode() == 403) {
                throw DashboardException.forbidden("Kubernetes refused: " + reason);
            }
            if (e.getCode() == 422 || e.getCode() == 400) {
                throw DashboardException.badRequest("Kubernetes refused the run: " + reason);
            }
            if (e.getCode() == 404) {
                throw DashboardException.notFound("The run");
            }
            throw new DashboardException(502, "Kubernetes error", "The API server answered " + e.getCode() + ": " + reason);
        }
    }

    private Response toRun(DataRun run) {
        cache.awaitRun(run.getMetadata().getNamespace(), run.getMetadata().getName(), Duration.ofSeconds(3));
        return Response.seeOther(URI.create("/ns/" + run.getMetadata().getNamespace() + "/runs/" + run.getMetadata().getName()))
                .build();
    }
}

package io.raffinerie.operator.dashboard;

import io.raffinerie.operator.common.OperatorSettings;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Around every dashboard request: off when the chart turns the dashboard off, strict browser security headers on
 * every answer, and the server time of each page in a Server-Timing header.
 */
public class DashboardFilters {
    private static final String STARTED = "raffinerie.started";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Inject
    OperatorSettings settings;

    @Inject
    Authenticator authenticator;

    @ServerRequestFilter(preMatching = true)
    public Response before(ContainerRequestContext request, HttpHeaders headers) {
        if (!settings.dashboard().enabled()) {
            return Response.status(404).build();
        }
        request.setProperty(STARTED, System.nanoTime());
        var refusal = authenticator.proxyRefusal(headers);
        if (refusal.isPresent()) {
            return DashboardErrors.page(401, "Not signed in", refusal.get());
        }
        if (authenticator.needsCsrfSeed(headers) && "GET".equals(request.getMethod())) {
            return Response.seeOther(request.getUriInfo().getRequestUri()).cookie(cookie(Authenticator.CSRF_SEED_COOKIE,
                    Authenticator.newSeed(), settings.dashboard().secureCookies(), NewCookie.DEFAULT_MAX_AGE)).build();
        }
        return null;
    }

    @ServerResponseFilter
    public void after(ContainerRequestContext request, ContainerResponseContext response) {
        var headers = response.getHeaders();
        headers.putSingle("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("X-Frame-Options", "DENY");
        headers.putSingle("Referrer-Policy", "no-referrer");
        headers.putSingle("Cache-Control", "no-store");
        if (request.getProperty(STARTED) instanceof Long started) {
            double millis = (System.nanoTime() - started) / 1e6;
            headers.putSingle("Server-Timing", String.format(Locale.ROOT, "render;dur=%.1f", millis));
        }
    }

    /** Clears the session cookie: the browser is signed out. */
    static NewCookie signedOut(boolean secure) {
        return cookie(Authenticator.SESSION_COOKIE, "", secure, 0);
    }

    /** HttpOnly and SameSite=Strict: no script reads it and no other site's request carries it. */
    static NewCookie cookie(String name, String value, boolean secure, int maxAge) {
        return new NewCookie.Builder(name).value(value).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }
}

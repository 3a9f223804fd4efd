package io.raffinerie.operator.dashboard;

import io.raffinerie.operator.common.OperatorSettings;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every failure becomes a page that says what went wrong in words, never a stack trace. */
public class DashboardErrors {
    private static final Logger LOG = Logger.getLogger(DashboardErrors.class);

    @Inject
    OperatorSettings settings;

    /** To the login form, signed out: a session cookie that did not open (altered, foreign, expired) is cleared. */
    @ServerExceptionMapper
    public Response loginRequired(LoginRequired e) {
        return Response.seeOther(URI.create("/login"))
                .cookie(DashboardFilters.signedOut(settings.dashboard().secureCookies())).build();
    }

    @ServerExceptionMapper
    public Response dashboard(DashboardException e) {
        return page(e.status(), e.title(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 404) {
            return page(404, "Not found", "There is no such page.");
        }
        if (status == 405) {
            return page(405, "Method not allowed", "This page does not accept that request.");
        }
        return page(status, "Request refused", "The request could not be handled (HTTP " + status + ").");
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("dashboard request failed", e);
        return page(500, "Something went wrong", "The dashboard could not answer; the operator's log has the details.");
    }

    static Response page(int status, String title, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Pages.error(status, title, message).render()).build();
    }
}

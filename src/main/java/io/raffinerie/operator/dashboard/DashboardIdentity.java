package io.raffinerie.operator.dashboard;

import io.raffinerie.model.dashboard.PrivilegedIdentities;
import io.raffinerie.model.dashboard.ProxyProof;
import io.raffinerie.model.dashboard.SessionSeal;
import io.raffinerie.operator.common.OperatorSettings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The dashboard's rules about identity, configured once: the key that seals session cookies, the identities it never
 * acts for, and the proof that identity headers come from the authenticating proxy.
 */
@ApplicationScoped
public class DashboardIdentity {
    private static final Logger LOG = Logger.getLogger(DashboardIdentity.class);

    @Inject
    OperatorSettings settings;

    @Inject
    Clock clock;

    private SessionSeal seal;
    private PrivilegedIdentities privileged;

    @PostConstruct
    void init() {
        OperatorSettings.Dashboard dashboard = settings.dashboard();
        Optional<String> key = dashboard.sessionKey().filter(k -> !k.isBlank());
        if (key.isEmpty() && dashboard.enabled()) {
            LOG.info("The dashboard has no session key (RAFFINERIE_DASHBOARD_SESSION_KEY): sessions are sealed with a random key "
                    + "and end when this process stops");
        }
        seal = new SessionSeal(key.orElseGet(SessionSeal::randomKey), clock);
        privileged = PrivilegedIdentities.of(dashboard.refusedGroups(), dashboard.refusedUsers(), settings.operatorNamespace());
        if (dashboard.enabled() && dashboard.proxyAuth().enabled() && dashboard.proxyAuth().secret().filter(s -> !s.isBlank()).isEmpty()) {
            LOG.warn("Proxy sign-in is on without a proxy secret (RAFFINERIE_DASHBOARD_PROXY_AUTH_SECRET): every request with "
                    + "identity headers is refused");
        }
    }

    /** The session cookie's value for a token the API server accepted. */
    String seal(String token) {
        return seal.seal(token, settings.dashboard().sessionLifetime());
    }

    /** The token a session cookie holds; empty for a cookie this dashboard did not seal, altered or expired. */
    Optional<String> open(String cookie) {
        return seal.open(cookie);
    }

    /** Why the dashboard does not act for this user, or empty. */
    Optional<String> refusal(String user, List<String> groups) {
        return privileged.refusal(user, groups);
    }

    /** Refuses a privileged user before anything is done as them. */
    void checkMayActAs(DashboardUser user) {
        refusal(user.name(), user.groups()).ifPresent(message -> {
            throw DashboardException.forbidden(message);
        });
    }

    /** Why identity headers of this request are not believed, or empty when it carries the proxy's secret. */
    Optional<String> proxyRefusal(String sentSecret) {
        OperatorSettings.Dashboard.ProxyAuth proxy = settings.dashboard().proxyAuth();
        return ProxyProof.refusal(proxy.secret(), proxy.secretHeader(), sentSecret);
    }
}

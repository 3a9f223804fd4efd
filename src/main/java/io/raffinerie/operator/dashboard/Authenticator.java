package io.raffinerie.operator.dashboard;

import io.raffinerie.operator.common.OperatorSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Who a request comes from: a Kubernetes bearer token (Authorization header, or the session cookie the login form
 * sets) checked by a TokenReview, or, when configured, an authenticating proxy's identity headers, believed only with
 * the proxy's shared secret. The dashboard keeps no session store: the cookie holds the user's token sealed with the
 * dashboard's key (AES-GCM), so every replica with that key recognises it and the browser never holds the token.
 * A privileged identity (system:masters, the chart's refused groups and users) is refused before anything else.
 */
@ApplicationScoped
public class Authenticator {
    public static final String SESSION_COOKIE = "raffinerie_session";
    /** A random value per browser for proxy-authenticated sessions, which have no token to derive a CSRF token from. */
    public static final String CSRF_SEED_COOKIE = "raffinerie_csrf_seed";
    private static final int MAX_TOKEN_LENGTH = 16 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ApiReviews reviews;

    @Inject
    OperatorSettings settings;

    @Inject
    DashboardIdentity identity;

    public Optional<DashboardUser> authenticate(HttpHeaders headers) {
        OperatorSettings.Dashboard.ProxyAuth proxy = settings.dashboard().proxyAuth();
        if (proxy.enabled()) {
            String user = headers.getHeaderString(proxy.userHeader());
            Cookie seed = headers.getCookies().get(CSRF_SEED_COOKIE);
            proxyRefusal(headers).ifPresent(message -> {
                throw new DashboardException(401, "Not signed in", message);
            });
            if (user != null && !user.isBlank() && seed != null && !seed.getValue().isBlank()) {
                List<String> groups = Optional.ofNullable(headers.getRequestHeader(proxy.groupHeader())).orElse(List.of()).stream()
                        .flatMap(value -> Arrays.stream(value.split(","))).map(String::trim).filter(g -> !g.isEmpty()).sorted().toList();
                DashboardUser proxied = new DashboardUser(user.trim(), groups, csrfToken("proxy:" + user + ":" + seed.getValue()));
                identity.checkMayActAs(proxied);
                return Optional.of(proxied);
            }
            if (user != null && !user.isBlank()) {
                return Optional.empty(); // the filter gives this browser a seed, then it is recognised
            }
        }
        return token(headers).flatMap(this::review);
    }

    /**
     * Why this request's identity headers are not believed (it lacks the proxy's secret), or empty: no identity
     * header, or proxy sign-in off (the headers are then ignored), or the secret is right.
     */
    public Optional<String> proxyRefusal(HttpHeaders headers) {
        OperatorSettings.Dashboard.ProxyAuth proxy = settings.dashboard().proxyAuth();
        if (!proxy.enabled() || (isBlank(headers.getHeaderString(proxy.userHeader())) && isBlank(headers.getHeaderString(proxy.groupHeader())))) {
            return Optional.empty();
        }
        return identity.proxyRefusal(headers.getHeaderString(proxy.secretHeader()));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** A proxy-authenticated browser without a CSRF seed yet, which the response gives it. */
    public boolean needsCsrfSeed(HttpHeaders headers) {
        OperatorSettings.Dashboard.ProxyAuth proxy = settings.dashboard().proxyAuth();
        String user = proxy.enabled() ? headers.getHeaderString(proxy.userHeader()) : null;
        return user != null && !user.isBlank() && headers.getCookies().get(CSRF_SEED_COOKIE) == null;
    }

    public static String newSeed() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Checks a token, from a header, the session cookie or the login form; a privileged identity is refused (403)
     * even when the token is valid.
     */
    public Optional<DashboardUser> review(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String trimmed = token.trim();
        Optional<DashboardUser> user = reviews.user(digest(trimmed), trimmed).map(info -> new DashboardUser(info.getUsername(),
                Optional.ofNullable(info.getGroups()).orElse(List.of()).stream().sorted().toList(), csrfToken("token:" + trimmed)));
        user.ifPresent(identity::checkMayActAs);
        return user;
    }

    /** The session cookie's value for a token {@link #review} accepted: the token sealed, never the token itself. */
    public String sessionCookie(String token) {
        return identity.seal(token.trim());
    }

    /** The bearer token of the Authorization header, else the one sealed in the session cookie (if it opens). */
    private Optional<String> token(HttpHeaders headers) {
        String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(authorization.substring(7).trim());
        }
        return Optional.ofNullable(headers.getCookies().get(SESSION_COOKIE)).map(Cookie::getValue).flatMap(identity::open);
    }

    /** Derived from the session's secret, so that a page of another site cannot know it. */
    static String csrfToken(String secret) {
        return digest("raffinerie-csrf\u0000" + secret);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

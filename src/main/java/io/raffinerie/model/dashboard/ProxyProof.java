package io.raffinerie.model.dashboard;

import java.security.MessageDigest;
import java.util.Optional;

/**
 * Proof that a request carrying identity headers came through the authenticating proxy: the shared secret the proxy
 * adds in a header of its own, compared in constant time (digests of equal length, so neither the content nor the
 * length of the secret leaks through timing). No secret configured: nothing is proven, every identity header refused.
 */
public final class ProxyProof {
    private ProxyProof() {
    }

    /** Why a request with identity headers is refused, or empty when it carries the proxy's secret. */
    public static Optional<String> refusal(Optional<String> configured, String header, String sent) {
        if (configured.isEmpty() || configured.get().isBlank()) {
            return Optional.of("Proxy sign-in is on but the dashboard has no proxy secret (RAFFINERIE_DASHBOARD_PROXY_AUTH_SECRET, "
                    + "the chart's dashboard.proxyAuth.secretName): it accepts no identity headers until one is set.");
        }
        if (sent == null || sent.isEmpty()) {
            return Optional.of("This request carries identity headers but not the proxy's secret header " + header
                    + ": the dashboard accepts identity headers only from its authenticating proxy.");
        }
        if (!MessageDigest.isEqual(SessionSeal.sha256(configured.get().strip()), SessionSeal.sha256(sent.strip()))) {
            return Optional.of("The proxy secret in header " + header + " is wrong: the dashboard accepts identity headers "
                    + "only from its authenticating proxy.");
        }
        return Optional.empty();
    }
}

package io.raffinerie.operator.dashboard;

import java.util.List;

/**
 * Who is looking: the identity the API server (TokenReview) or the authenticating proxy vouched for, and the token
 * that protects their forms from cross-site requests (derived from their session, never shown elsewhere).
 */
public record DashboardUser(String name, List<String> groups, String csrfToken) {
    /** The key under which this identity's access reviews are cached. */
    String accessKey() {
        return name + "\u0000" + String.join(",", groups);
    }
}

package io.raffinerie.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Identity from an authenticating proxy's headers, when configured, believed only with the proxy's shared secret;
 * forms then get a random per-browser CSRF seed. Privileged identities are refused even from the proxy.
 */
@QuarkusTest
@ClusterIT
@TestProfile(DashboardProxyAuthIT.ProxyAuth.class)
class DashboardProxyAuthIT {
    static final String SECRET = "it-proxy-shared-secret-1f3a";

    public static class ProxyAuth implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("raffinerie.dashboard.proxy-auth.enabled", "true", "raffinerie.dashboard.proxy-auth.secret", SECRET,
                    "raffinerie.dashboard.refused-groups", "system:masters,platform-admins");
        }
    }

    private static RequestSpecification viaProxy() {
        return given().redirects().follow(false).header("X-Raffinerie-Proxy-Secret", SECRET);
    }

    @Test
    void theProxysHeadersNameTheUser() {
        Response first = viaProxy().header("X-Remote-User", "alice@example.com").get("/");
        assertThat(first.statusCode()).as("a seed cookie first").isEqualTo(303);
        String seed = first.getCookie("raffinerie_csrf_seed");
        assertThat(seed).isNotBlank();
        assertThat(first.header("Set-Cookie")).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        Response overview = viaProxy().header("X-Remote-User", "alice@example.com")
                .header("X-Remote-Group", "sales-business").cookie("raffinerie_csrf_seed", seed).get("/");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.asString()).contains("alice@example.com", "No environment you may read");
        assertThat(given().redirects().follow(false).get("/").header("Location")).as("without the header: login").endsWith("/login");
    }

    @Test
    void identityHeadersWithoutTheProxysSecretAreRefusedWith401() {
        for (String sent : new String[] {null, "", "wrong", SECRET + "x"}) {
            RequestSpecification request = given().redirects().follow(false).header("X-Remote-User", "alice@example.com")
                    .header("X-Remote-Group", "sales-business").cookie("raffinerie_csrf_seed", "seed");
            if (sent != null) {
                request = request.header("X-Raffinerie-Proxy-Secret", sent);
            }
            Response refused = request.get("/");
            assertThat(refused.statusCode()).as(String.valueOf(sent)).isEqualTo(401);
            assertThat(refused.asString()).as(String.valueOf(sent)).contains("only from its authenticating proxy")
                    .contains("X-Raffinerie-Proxy-Secret").doesNotContain(SECRET);
            assertThat(refused.header("Set-Cookie")).as("no seed for a forged sender").isNull();
        }
        Response groupOnly = given().redirects().follow(false).header("X-Remote-Group", "system:masters").post("/login");
        assertThat(groupOnly.statusCode()).as("a group header alone is an identity header too").isEqualTo(401);
    }

    @Test
    void thePrivilegedIdentitiesAreRefusedEvenFromTheProxy() {
        String[][] attempts = {{"mallory", "system:masters"}, {"mallory", "platform-admins"}, {"system:admin", "ops"},
                {"system:serviceaccount:raffinerie-system:raffinerie-operator", "ops"}};
        for (String[] attempt : attempts) {
            Response refused = viaProxy().header("X-Remote-User", attempt[0]).header("X-Remote-Group", attempt[1])
                    .cookie("raffinerie_csrf_seed", "seed").get("/");
            assertThat(refused.statusCode()).as(String.join(" ", attempt)).isEqualTo(403);
            assertThat(refused.asString()).as(String.join(" ", attempt)).contains("does not act for").contains("privileged");
        }
    }
}

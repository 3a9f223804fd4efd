package io.raffinerie.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Identity from an authenticating proxy's headers, when configured; forms then get a random per-browser CSRF seed. */
@QuarkusTest
@ClusterIT
@TestProfile(DashboardProxyAuthIT.ProxyAuth.class)
class DashboardProxyAuthIT {
    public static class ProxyAuth implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("raffinerie.dashboard.proxy-auth.enabled", "true");
        }
    }

    @Test
    void theProxysHeadersNameTheUser() {
        Response first = given().redirects().follow(false).header("X-Remote-User", "alice@example.com").get("/");
        assertThat(first.statusCode()).as("a seed cookie first").isEqualTo(303);
        String seed = first.getCookie("raffinerie_csrf_seed");
        assertThat(seed).isNotBlank();
        assertThat(first.header("Set-Cookie")).contains("HttpOnly").containsIgnoringCase("SameSite=Strict");
        Response overview = given().redirects().follow(false).header("X-Remote-User", "alice@example.com")
                .header("X-Remote-Group", "sales-business").cookie("raffinerie_csrf_seed", seed).get("/");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.asString()).contains("alice@example.com", "No environment you may read");
        assertThat(given().redirects().follow(false).get("/").header("Location")).as("without the header: login").endsWith("/login");
    }
}

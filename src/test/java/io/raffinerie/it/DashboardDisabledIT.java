package io.raffinerie.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart's dashboard.enabled=false: every dashboard path is not found, health and metrics still answer. */
@QuarkusTest
@ClusterIT
@TestProfile(DashboardDisabledIT.Disabled.class)
class DashboardDisabledIT {
    public static class Disabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("raffinerie.dashboard.enabled", "false");
        }
    }

    @Test
    void everyDashboardPathIsNotFound() {
        assertThat(given().redirects().follow(false).get("/").statusCode()).isEqualTo(404);
        assertThat(given().redirects().follow(false).get("/login").statusCode()).isEqualTo(404);
        assertThat(given().redirects().follow(false).formParam("token", "x").post("/login").statusCode()).isEqualTo(404);
        assertThat(given().get("/q/health/live").statusCode()).isEqualTo(200);
    }
}

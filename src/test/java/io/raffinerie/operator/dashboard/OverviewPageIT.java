package io.raffinerie.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentStatus;
import io.raffinerie.it.ClusterIT;
import io.raffinerie.model.Conditions;
import io.raffinerie.model.dashboard.Overview;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The overview as rendered: an environment that is not ready is failing, never "Nothing is failing". */
@QuarkusTest
@ClusterIT
class OverviewPageIT {
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void aNotReadyEnvironmentIsShownUnderFailingNow() {
        DataEnvironment environment = new DataEnvironment();
        environment.getMetadata().setName("sales-dev");
        environment.setStatus(new DataEnvironmentStatus());
        environment.getStatus().conditions = Conditions.set(null, Conditions.READY, false, "AccessRoleMissing",
                "access[1]: ClusterRole raffinerie-editor does not exist", 1L, Clock.fixed(NOW, ZoneOffset.UTC));
        DashboardUser user = new DashboardUser("admin", List.of(), "token");
        Overview.EnvironmentContent content = new Overview.EnvironmentContent(environment, "sales-dev", List.of(), List.of(), List.of());

        String failing = section(Pages.overview(Chrome.of("Overview", user, false), Overview.of(List.of(content), NOW)).render(),
                "failing");

        assertThat(failing).doesNotContain("Nothing is failing")
                .contains("href=\"/ns/sales-dev\"", "AccessRoleMissing", "access[1]: ClusterRole raffinerie-editor does not exist");

        environment.getStatus().conditions = Conditions.set(null, Conditions.READY, true, "Provisioned", "ok", 1L,
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(section(Pages.overview(Chrome.of("Overview", user, false), Overview.of(List.of(content), NOW)).render(), "failing"))
                .contains("Nothing is failing");
    }

    /** The HTML of the page's section labelled by the heading of that id. */
    private static String section(String html, String id) {
        int start = html.indexOf("<section aria-labelledby=\"" + id + "\">");
        assertThat(start).as("section " + id).isNotNegative();
        return html.substring(start, html.indexOf("</section>", start));
    }
}

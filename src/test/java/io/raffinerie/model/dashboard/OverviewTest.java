package io.raffinerie.model.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentStatus;
import io.raffinerie.model.Conditions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverviewTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static Overview.EnvironmentContent environment(String name, Boolean ready, String reason, String message) {
        DataEnvironment environment = new DataEnvironment();
        environment.getMetadata().setName(name);
        if (ready != null) {
            environment.setStatus(new DataEnvironmentStatus());
            environment.getStatus().conditions = Conditions.set(null, Conditions.READY, ready, reason, message, 1L,
                    Clock.fixed(NOW, ZoneOffset.UTC));
        }
        return new Overview.EnvironmentContent(environment, name, List.of(), List.of(), List.of());
    }

    @Test
    void anEnvironmentThatIsNotReadyIsFailingWithItsReason() {
        Overview.Page page = Overview.of(List.of(
                environment("sales-dev", false, "AccessRoleMissing", "access[1]: ClusterRole raffinerie-editor does not exist"),
                environment("sales-prod", true, "Provisioned", "namespace sales-prod is provisioned"),
                environment("sales-new", null, null, null)), NOW);

        assertThat(page.failing()).isEmpty();
        assertThat(page.notReady()).extracting(Overview.EnvironmentRow::name, Overview.EnvironmentRow::reason)
                .containsExactly(tuple("sales-dev", "AccessRoleMissing"),
                        tuple("sales-new", "NotReconciled"));
        assertThat(page.notReady().get(0).message()).isEqualTo("access[1]: ClusterRole raffinerie-editor does not exist");
        assertThat(page.environments()).extracting(Overview.EnvironmentRow::name, Overview.EnvironmentRow::ready)
                .containsExactly(tuple("sales-dev", false), tuple("sales-new", false), tuple("sales-prod", true));
    }

    @Test
    void readyEnvironmentsAreNotFailing() {
        assertThat(Overview.of(List.of(environment("sales-prod", true, "Provisioned", "ok")), NOW).notReady()).isEmpty();
    }
}

package io.raffinerie.model.environment;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentStatus;
import io.raffinerie.model.Conditions;
import io.raffinerie.model.Problem;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvironmentModelTest {
    private static DataEnvironment readyEnvironment() {
        DataEnvironment environment = new DataEnvironment();
        environment.getMetadata().setName("sales");
        environment.setStatus(new DataEnvironmentStatus());
        environment.getStatus().conditions = Conditions.set(null, Conditions.READY, true, "Provisioned", "ok", 1L,
                Clock.fixed(Instant.parse("2026-11-29T00:00:00Z"), ZoneOffset.UTC));
        return environment;
    }

    @Test
    void aReadyEnvironmentHostsItsNamespaceUntilItIsBeingDeleted() {
        DataEnvironment environment = readyEnvironment();
        assertThat(EnvironmentModel.checkHost(Optional.of(environment), "sales")).isEmpty();

        environment.getMetadata().setDeletionTimestamp("2026-11-29T01:00:00Z");
        assertThat(EnvironmentModel.checkHost(Optional.of(environment), "sales")).map(Problem::message)
                .contains("DataEnvironment sales is being deleted");
        assertThat(EnvironmentModel.checkHost(Optional.empty(), "sales")).map(Problem::reason).contains("NoEnvironment");
    }
}

package io.raffinerie.operator.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.raffinerie.api.v1alpha1.ArchivePolicy;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.operator.common.OperatorSettings;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArchiveRetentionTest {
    private Instant now = Instant.parse("2026-12-04T10:00:00Z");
    private final List<String> sweeps = new ArrayList<>();
    private boolean databaseDown;

    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private final RunArchive archive = new RunArchive(null, null) {
        @Override
        public int deleteFinishedBefore(String environment, Instant cutoff) throws SQLException {
            if (databaseDown) {
                throw new SQLException("Connection refused");
            }
            sweeps.add(environment + " before " + cutoff);
            return 2;
        }
    };

    private ArchiveRetention retention(boolean archiveOn) {
        return new ArchiveRetention(archive, settings(archiveOn), clock, new SimpleMeterRegistry());
    }

    private static DataEnvironment environment(Integer days) {
        DataEnvironment environment = new DataEnvironment();
        environment.getMetadata().setName("sales-dev");
        environment.setSpec(new DataEnvironmentSpec());
        if (days != null) {
            environment.getSpec().archive = new ArchivePolicy();
            environment.getSpec().archive.retentionDays = days;
        }
        return environment;
    }

    @Test
    void theDatabaseIsAskedOnceAnHourAndAtOnceWhenTheRetentionChanges() {
        ArchiveRetention retention = retention(true);

        assertThat(retention.sweep(environment(30))).contains(Duration.ofHours(1));
        assertThat(sweeps).containsExactly("sales-dev before 2026-11-04T10:00:00Z");

        now = now.plus(Duration.ofMinutes(20));
        assertThat(retention.sweep(environment(30))).as("reconciled again within the hour").contains(Duration.ofMinutes(40));
        assertThat(sweeps).hasSize(1);

        assertThat(retention.sweep(environment(7))).as("a new retention applies at once").contains(Duration.ofHours(1));
        assertThat(sweeps).last().isEqualTo("sales-dev before 2026-11-27T10:20:00Z");

        now = now.plus(Duration.ofHours(1));
        retention.sweep(environment(7));
        assertThat(sweeps).hasSize(3);
    }

    @Test
    void aDatabaseThatIsDownIsAskedAgainAfterTheRetryDelay() {
        ArchiveRetention retention = retention(true);
        databaseDown = true;
        assertThat(retention.sweep(environment(30))).contains(Duration.ofSeconds(15));
        databaseDown = false;
        assertThat(retention.sweep(environment(30))).as("not throttled by a failed sweep").contains(Duration.ofHours(1));
        assertThat(sweeps).hasSize(1);
    }

    @Test
    void withoutAnArchiveOrARetentionNothingIsDeleted() {
        assertThat(retention(false).sweep(environment(30))).isEmpty();
        assertThat(retention(true).sweep(environment(null))).isEmpty();
        assertThat(sweeps).isEmpty();
    }

    /** The settings with the archive on or off, retried after 15 s; nothing else is read. */
    private static OperatorSettings settings(boolean archiveOn) {
        OperatorSettings.Archive archive = (OperatorSettings.Archive) Proxy.newProxyInstance(OperatorSettings.class.getClassLoader(),
                new Class<?>[] {OperatorSettings.Archive.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "enabled" -> archiveOn;
                    case "retryAfter" -> Duration.ofSeconds(15);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (OperatorSettings) Proxy.newProxyInstance(OperatorSettings.class.getClassLoader(),
                new Class<?>[] {OperatorSettings.class}, (proxy, method, args) -> {
                    if (method.getName().equals("archive")) {
                        return archive;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}

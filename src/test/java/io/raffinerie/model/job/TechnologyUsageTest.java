package io.raffinerie.model.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataTechnology;
import io.raffinerie.api.v1alpha1.DataTechnologyStatus;
import io.raffinerie.api.v1alpha1.TechnologyLaunch;
import io.raffinerie.api.v1alpha1.VersionUsage;
import io.raffinerie.model.Conditions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TechnologyUsageTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T03:00:00Z"), ZoneOffset.UTC);

    @Test
    void inUseByCountsEachVersionAJobWithoutOneUsesTheDefault() {
        DataTechnology python = ShippedCatalog.technology("python", TechnologyLaunch.Script, "3.12=python:3.12", "3.11=python:3.11",
                "3.13=python:3.13");
        DataTechnologyStatus status = new DataTechnologyStatus();
        TechnologyUsage.apply(status, python, List.of(job(null), job("3.12"), job("3.11"), job("2.7")), clock);
        assertThat(status.versions).containsExactly(new VersionUsage("3.12", 2), new VersionUsage("3.11", 1),
                new VersionUsage("3.13", 0));
        assertThat(status.jobs).as("a job on an unknown version still names the technology").isEqualTo(4);
        assertThat(Conditions.find(status.conditions, Conditions.READY)).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getMessage()).isEqualTo("3 of 3 versions usable, default 3.12");
        });
    }

    private static DataJobSpec job(String version) {
        DataJobSpec spec = new DataJobSpec();
        spec.technology = "python";
        spec.version = version;
        return spec;
    }
}

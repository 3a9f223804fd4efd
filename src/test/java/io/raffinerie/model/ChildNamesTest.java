package io.raffinerie.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChildNamesTest {
    @Test
    void shortNamesAreJoinedAsTheyAre() {
        assertThat(ChildNames.of("daily-sales-8f2kq", "extract")).isEqualTo("daily-sales-8f2kq-extract");
    }

    @Test
    void longNamesAreShortenedToAValidLabelWithAHash() {
        String run = "a-very-long-pipeline-name-for-the-quarterly-revenue-report-x7k2p";
        String name = ChildNames.of(run, "load-into-the-warehouse");

        assertThat(name).hasSize(ChildNames.MAX_LENGTH).matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
        assertThat(name).startsWith("a-very-long-pipeline-name");
        assertThat(ChildNames.of(run, "load-into-the-warehouse")).as("deterministic").isEqualTo(name);
    }

    @Test
    void namesThatShareALongPrefixStayDistinct() {
        String run = "a-very-long-pipeline-name-for-the-quarterly-revenue-report-x7k2p";
        assertThat(ChildNames.of(run, "step-one")).isNotEqualTo(ChildNames.of(run, "step-two"));
    }

    @Test
    void aPrefixEndingInADashIsTrimmedBeforeTheHash() {
        String name = ChildNames.of("x".repeat(53), "-", "y".repeat(20));
        assertThat(name).doesNotContain("--").hasSizeLessThanOrEqualTo(ChildNames.MAX_LENGTH);
    }
}

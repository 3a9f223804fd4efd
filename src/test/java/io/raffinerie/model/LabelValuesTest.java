package io.raffinerie.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelValuesTest {
    /** What the API server accepts as a label value. */
    private static final String LABEL_VALUE = "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$";
    private static final String LONG = "quarterly-revenue-report-for-the-european-sales-organisation-extract-orders-from-the-warehouses";

    @Test
    void namesThatFitAreTheirOwnLabelValue() {
        assertThat(LabelValues.of("extract-orders")).isEqualTo("extract-orders");
        assertThat(LabelValues.of("x".repeat(63))).isEqualTo("x".repeat(63));
        assertThat(LabelValues.of("sales.dev")).isEqualTo("sales.dev");
    }

    @Test
    void longNamesBecomeValidLabelValuesWithAReadablePrefix() {
        assertThat(LONG).hasSize(95);
        String value = LabelValues.of(LONG);

        assertThat(value).hasSizeLessThanOrEqualTo(LabelValues.MAX_LENGTH).matches(LABEL_VALUE)
                .startsWith("quarterly-revenue-report").endsWith(ChildNames.hash(LONG));
        assertThat(LabelValues.of(LONG)).as("deterministic").isEqualTo(value);
        assertThat(value).as("stable across versions, as docs/naming.md shows it: objects already labelled keep being found")
                .isEqualTo("quarterly-revenue-report-for-the-european-sales-organi-21bcb18a");
        assertThat(LabelValues.standsFor(value, LONG)).isTrue();
    }

    @Test
    void longNamesThatShareTheirPrefixStayDistinct() {
        assertThat(LabelValues.of(LONG + "-1")).isNotEqualTo(LabelValues.of(LONG + "-2"));
        assertThat(LabelValues.standsFor(LabelValues.of(LONG + "-1"), LONG + "-2")).isFalse();
    }

    @Test
    void theValueEndsAlphanumericWhateverTheNameHasWhereItIsCut() {
        for (String name : new String[] {"a".repeat(53) + "-.-" + "b".repeat(20), "a".repeat(54) + "." + "b".repeat(40),
                "A".repeat(50) + "____" + "b".repeat(30), "a.b".repeat(84)}) {
            assertThat(LabelValues.of(name)).hasSizeLessThanOrEqualTo(LabelValues.MAX_LENGTH).matches(LABEL_VALUE)
                    .doesNotContain("-.").doesNotContain("_-");
        }
    }

    @Test
    void noNameNoValue() {
        assertThat(LabelValues.of(null)).isNull();
        assertThat(LabelValues.standsFor(null, "x")).isFalse();
    }
}

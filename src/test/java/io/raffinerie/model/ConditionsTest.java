package io.raffinerie.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {
    private static final Clock MORNING = Clock.fixed(Instant.parse("2026-11-28T08:00:00.123Z"), ZoneOffset.UTC);
    private static final Clock EVENING = Clock.fixed(Instant.parse("2026-11-28T20:00:00Z"), ZoneOffset.UTC);

    @Test
    void firstConditionGetsTheClockTimeAtSecondPrecision() {
        List<Condition> conditions = Conditions.set(null, "Ready", true, "Valid", "ok", 1L, MORNING);

        assertThat(conditions).singleElement().satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("Valid");
            assertThat(c.getObservedGeneration()).isEqualTo(1L);
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-28T08:00:00Z");
        });
    }

    @Test
    void sameStatusKeepsTheTransitionTimeEvenWhenReasonAndMessageChange() {
        List<Condition> first = Conditions.set(null, "Ready", false, "JobNotFound", "no job a", 1L, MORNING);
        List<Condition> second = Conditions.set(first, "Ready", false, "CycleDetected", "a -> b -> a", 2L, EVENING);

        assertThat(second).singleElement().satisfies(c -> {
            assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-28T08:00:00Z");
            assertThat(c.getReason()).isEqualTo("CycleDetected");
            assertThat(c.getObservedGeneration()).isEqualTo(2L);
        });
    }

    @Test
    void flippingTheStatusMovesTheTransitionTime() {
        List<Condition> first = Conditions.set(null, "Ready", false, "JobNotFound", "no job a", 1L, MORNING);
        List<Condition> second = Conditions.set(first, "Ready", true, "Valid", "ok", 1L, EVENING);

        assertThat(second).singleElement().extracting(Condition::getLastTransitionTime).isEqualTo("2026-11-28T20:00:00Z");
        assertThat(Conditions.isTrue(second, "Ready")).isTrue();
    }

    @Test
    void otherConditionsAreKeptInPlace() {
        List<Condition> withTwo = Conditions.set(Conditions.set(null, "Ready", true, "Valid", "ok", 1L, MORNING),
                "Alerting", false, "WebhookFailed", "500", 1L, MORNING);
        List<Condition> updated = Conditions.set(withTwo, "Ready", false, "JobNotFound", "gone", 2L, EVENING);

        assertThat(updated).extracting(Condition::getType).containsExactly("Ready", "Alerting");
        assertThat(updated.get(1)).isSameAs(withTwo.get(1));
    }

    @Test
    void unchangedInputGivesAnEqualList() {
        List<Condition> first = Conditions.set(null, "Ready", true, "Valid", "ok", 3L, MORNING);
        assertThat(Conditions.set(first, "Ready", true, "Valid", "ok", 3L, EVENING)).isEqualTo(first);
    }
}

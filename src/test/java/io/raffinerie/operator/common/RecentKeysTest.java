package io.raffinerie.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentKeysTest {
    @Test
    void aKeyIsNewOnlyTheFirstTime() {
        RecentKeys keys = new RecentKeys(10);
        assertThat(keys.firstTime("run-1/Succeeded")).isTrue();
        assertThat(keys.firstTime("run-1/Succeeded")).isFalse();
        assertThat(keys.firstTime("run-2/Succeeded")).isTrue();
    }

    @Test
    void aForgottenKeyIsNewAgain() {
        RecentKeys keys = new RecentKeys(10);
        keys.firstTime("event");
        keys.forget("event");
        assertThat(keys.firstTime("event")).isTrue();
    }
}

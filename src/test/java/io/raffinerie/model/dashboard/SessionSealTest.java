package io.raffinerie.model.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SessionSealTest {
    static final String KEY = "k3y-from-the-secret-raffinerie-dashboard-session-0001";
    static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.payload.signature";
    final Clock now = Clock.fixed(Instant.parse("2026-12-02T01:00:00Z"), ZoneOffset.UTC);
    final SessionSeal seal = new SessionSeal(KEY, now);

    @Test
    void aSealedCookieOpensToTheTokenAndDoesNotContainIt() {
        String cookie = seal.seal(TOKEN, Duration.ofHours(8));
        assertThat(cookie).doesNotContain(TOKEN).doesNotContain("payload").matches("[A-Za-z0-9_-]+");
        assertThat(new String(Base64.getUrlDecoder().decode(cookie), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("payload");
        assertThat(seal.open(cookie)).contains(TOKEN);
        assertThat(seal.seal(TOKEN, Duration.ofHours(8))).as("a fresh IV each time").isNotEqualTo(cookie);
    }

    @Test
    void anyChangedByteOpensToNothing() {
        byte[] bytes = Base64.getUrlDecoder().decode(seal.seal(TOKEN, Duration.ofHours(8)));
        for (int i = 0; i < bytes.length; i++) {
            byte[] tampered = bytes.clone();
            tampered[i] ^= 0x01;
            assertThat(seal.open(Base64.getUrlEncoder().withoutPadding().encodeToString(tampered))).as("byte " + i).isEmpty();
        }
    }

    @Test
    void aForeignARotatedAnExpiredOrAGarbageCookieOpensToNothing() {
        String cookie = seal.seal(TOKEN, Duration.ofHours(8));
        assertThat(new SessionSeal("another-installation-s-key-of-enough-length-0002", now).open(cookie)).as("another key").isEmpty();
        Clock later = Clock.offset(now, Duration.ofHours(8));
        assertThat(new SessionSeal(KEY, later).open(cookie)).as("expired").isEmpty();
        assertThat(new SessionSeal(KEY, Clock.offset(now, Duration.ofHours(7))).open(cookie)).contains(TOKEN);
        assertThat(seal.open(TOKEN)).as("a raw token, as older versions stored it").isEmpty();
        assertThat(seal.open("")).isEmpty();
        assertThat(seal.open("%%%not-base64")).isEmpty();
        assertThat(seal.open("AQ")).as("too short").isEmpty();
    }

    @Test
    void aShortKeyIsRefusedWithTheFix() {
        assertThatThrownBy(() -> new SessionSeal("short", now)).hasMessageContaining("has 5 characters")
                .hasMessageContaining("at least 32").hasMessageContaining("openssl rand");
        assertThat(SessionSeal.randomKey()).hasSizeGreaterThanOrEqualTo(SessionSeal.MIN_KEY_LENGTH);
    }
}

package io.raffinerie.model.dashboard;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The session cookie: the user's token sealed with AES-256-GCM under a key only the dashboard holds, with the time
 * it expires inside. The browser holds the cookie, never the token in clear; a cookie changed by one bit, sealed
 * under another key (a rotated one, another installation's) or expired opens to nothing, and the user signs in again.
 */
public final class SessionSeal {
    /** Key material shorter than this is refused: it would be guessable. */
    public static final int MIN_KEY_LENGTH = 32;
    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] CONTEXT = "raffinerie-dashboard-session".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final Clock clock;

    /** {@code material}: the Secret's value (any text of at least {@link #MIN_KEY_LENGTH} characters). */
    public SessionSeal(String material, Clock clock) {
        if (material == null || material.strip().length() < MIN_KEY_LENGTH) {
            throw new IllegalArgumentException("The dashboard's session key has " + (material == null ? 0 : material.strip().length())
                    + " characters; it needs at least " + MIN_KEY_LENGTH + " (for example `openssl rand -base64 48`).");
        }
        this.key = new SecretKeySpec(sha256("raffinerie-session-key\u0000" + material.strip()), "AES");
        this.clock = clock;
    }

    /** A random key, for a dashboard that was given none: its sessions end when the process does. */
    public static String randomKey() {
        byte[] bytes = new byte[36];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The cookie value for this token, valid for {@code lifetime}. */
    public String seal(String token, Duration lifetime) {
        byte[] text = token.getBytes(StandardCharsets.UTF_8);
        ByteBuffer plain = ByteBuffer.allocate(Long.BYTES + text.length)
                .putLong(clock.instant().plus(lifetime).getEpochSecond()).put(text);
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(CONTEXT);
            byte[] sealed = cipher.doFinal(plain.array());
            ByteBuffer cookie = ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv).put(sealed);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(cookie.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /** The token a cookie holds, or empty when it was not sealed by this key, was altered, or has expired. */
    public Optional<String> open(String cookie) {
        if (cookie == null || cookie.isBlank() || cookie.length() > 64 * 1024) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cookie.strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length < 1 + IV_BYTES + TAG_BITS / 8 + Long.BYTES || bytes[0] != VERSION) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 1, IV_BYTES));
            cipher.updateAAD(CONTEXT);
            ByteBuffer plain = ByteBuffer.wrap(cipher.doFinal(bytes, 1 + IV_BYTES, bytes.length - 1 - IV_BYTES));
            if (plain.getLong() <= clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            byte[] token = new byte[plain.remaining()];
            plain.get(token);
            return Optional.of(new String(token, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            return Optional.empty(); // altered, or sealed under another key
        }
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

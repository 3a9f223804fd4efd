package io.raffinerie.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic names for the objects the operator creates, so that creating one twice is harmless. Names fit a
 * DNS label (63 characters); longer ones keep a readable prefix and end with a hash of the full name.
 */
public final class ChildNames {
    public static final int MAX_LENGTH = 63;
    private static final int HASH_LENGTH = 8;

    private ChildNames() {
    }

    /** The parts joined with dashes, shortened with a hash when longer than {@link #MAX_LENGTH}. */
    public static String of(String... parts) {
        return ofMaxLength(MAX_LENGTH, parts);
    }

    /** The parts joined with dashes, shortened with a hash when longer than {@code maxLength}. */
    public static String ofMaxLength(int maxLength, String... parts) {
        String full = String.join("-", parts);
        if (full.length() <= maxLength) {
            return full;
        }
        String prefix = full.substring(0, maxLength - HASH_LENGTH - 1);
        while (!prefix.isEmpty() && !isAlphanumeric(prefix.charAt(prefix.length() - 1))) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return prefix + "-" + hash(full);
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** The first characters of the SHA-256 of the text, in hex. */
    public static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}

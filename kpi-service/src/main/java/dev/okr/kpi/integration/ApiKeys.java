package dev.okr.kpi.integration;

import java.security.SecureRandom;
import java.util.Base64;

import dev.okr.contracts.Hashes;

/**
 * Making and recognising API keys. A key is {@code okr_} and 32 random bytes (256 bits) in URL-safe
 * base64; with that much entropy a single SHA-256 is a safe way to store it (no salt or slow hash is
 * needed, unlike for passwords), and it lets a key be looked up by its hash in one indexed read.
 */
public final class ApiKeys {

    public static final String PREFIX = "okr_";
    private static final int PREFIX_SHOWN = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String key) {
        return Hashes.sha256(key);
    }

    /** The start of the key, kept so an admin can tell keys apart in a list. */
    public static String shownPrefix(String key) {
        return key.substring(0, Math.min(PREFIX_SHOWN, key.length()));
    }

    /** Whether a header value could be one of our keys at all (cheap check before any lookup). */
    public static boolean looksLikeAKey(String value) {
        return value != null && value.startsWith(PREFIX) && value.length() == PREFIX.length() + 43;
    }
}

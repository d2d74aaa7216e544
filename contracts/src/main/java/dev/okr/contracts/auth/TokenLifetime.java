package dev.okr.contracts.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a token may live, whatever its issuer wrote into it (DESIGN §4): it names when it was issued, not in
 * the future beyond the clock skew, and it expires at most the capped lifetime (default 24 h) after that — a token
 * "valid" until the year 5138 is refused. Answers why a token is refused, or null.
 */
public final class TokenLifetime {

    private TokenLifetime() {
    }

    /** @param issuedAt and {@code expiresAt} in epoch seconds, 0 when the token has none */
    public static String problem(long issuedAt, long expiresAt, Instant now, Duration maxLifetime, Duration clockSkew) {
        if (issuedAt <= 0) {
            return "The token has no 'iat' (issued at) claim: get one from an issuer that sets it.";
        }
        if (expiresAt <= 0) {
            return "The token has no 'exp' (expiry) claim: tokens here must expire.";
        }
        if (issuedAt > now.plus(clockSkew).getEpochSecond()) {
            return "The token was issued in the future (iat " + Instant.ofEpochSecond(issuedAt) + "): check the issuer's clock.";
        }
        if (expiresAt - issuedAt > maxLifetime.toSeconds()) {
            return "The token lives longer than the " + maxLifetime.toHours() + " h allowed (iat " + Instant.ofEpochSecond(issuedAt)
                    + ", exp " + Instant.ofEpochSecond(expiresAt) + "): get a shorter-lived one.";
        }
        return null;
    }
}

package dev.okr.contracts.auth;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class TokenLifetimeTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);
    private static final Duration SKEW = Duration.ofSeconds(60);
    private static final long T = NOW.getEpochSecond();

    @Test
    void shouldTakeATokenOfADayIssuedWithinTheClockSkew() {
        assertNull(TokenLifetime.problem(T, T + 24 * 3600, NOW, DAY, SKEW));
        assertNull(TokenLifetime.problem(T + 60, T + 3600, NOW, DAY, SKEW));
    }

    @Test
    void shouldRefuseATokenThatLivesLongerThanTheCap() {
        assertTrue(TokenLifetime.problem(T, T + 24 * 3600 + 1, NOW, DAY, SKEW).contains("longer than the 24 h"));
        // exp in the year 5138
        assertTrue(TokenLifetime.problem(T, 99_999_999_999L, NOW, DAY, SKEW).contains("longer"));
    }

    @Test
    void shouldRefuseATokenIssuedInTheFutureOrWithoutItsTimes() {
        assertTrue(TokenLifetime.problem(T + 61, T + 3600, NOW, DAY, SKEW).contains("issued in the future"));
        assertTrue(TokenLifetime.problem(0, T + 3600, NOW, DAY, SKEW).contains("'iat'"));
        assertTrue(TokenLifetime.problem(T, 0, NOW, DAY, SKEW).contains("'exp'"));
    }
}

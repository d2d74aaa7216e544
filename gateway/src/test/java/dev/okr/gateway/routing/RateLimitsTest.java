package dev.okr.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A burst per key, then a steady rate: whole rates a second, and rates below one as one every so many seconds. */
class RateLimitsTest {

    @Test
    void shouldSpendABurstThenAskToWait() {
        RateLimits limits = new RateLimits(true, 2, 5);
        assertEquals(new RateLimits.Decision(true, 1, 0), limits.take("a"));
        assertEquals(new RateLimits.Decision(true, 0, 0), limits.take("a"));
        RateLimits.Decision refused = limits.take("a");
        assertFalse(refused.allowed());
        assertEquals(1, refused.retryAfterSeconds(), "a fifth of a second, rounded up to a whole one");
        assertTrue(limits.take("b").allowed(), "each key has its own allowance");
        assertFalse(limits.peek("a").allowed());
        assertTrue(limits.peek("never-seen").allowed());
    }

    @Test
    void shouldGrowBackSlowerThanOneASecond() {
        // one every ten seconds: once spent, the wait is the whole ten seconds, not one
        RateLimits limits = new RateLimits(true, 1, 0.1);
        assertTrue(limits.take("a").allowed());
        RateLimits.Decision refused = limits.take("a");
        assertFalse(refused.allowed());
        assertTrue(refused.retryAfterSeconds() >= 9 && refused.retryAfterSeconds() <= 10, "waits " + refused.retryAfterSeconds() + " s");
    }

    @Test
    void shouldRefuseARateThatNeverGrowsBack() {
        assertThrows(IllegalArgumentException.class, () -> new RateLimits(true, 1, 0));
        assertTrue(new RateLimits(false, 1, 0).take("a").allowed(), "disabled, no rate is needed");
    }
}

package dev.okr.gateway.routing;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * A token bucket per key — a caller, or a client address for failed authentications — (Bucket4j), kept in a
 * bounded cache (Caffeine) so idle keys cost nothing: a key may spend {@code capacity} at once and
 * {@code perSecond} a second after that (a rate below one: one every {@code 1 / perSecond} seconds).
 */
final class RateLimits {

    /** Whether the request may go on; if not, how many seconds until it may. */
    record Decision(boolean allowed, long remaining, long retryAfterSeconds) {
    }

    private final boolean enabled;
    private final long capacity;
    private final double perSecond;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    RateLimits(boolean enabled, long capacity, double perSecond) {
        if (enabled && !(perSecond > 0)) {
            throw new IllegalArgumentException("a rate limit must grow back by more than 0 a second, not " + perSecond);
        }
        this.enabled = enabled;
        this.capacity = capacity;
        this.perSecond = perSecond;
    }

    /** Spends one of the key's allowance, if it has one left. */
    Decision take(String key) {
        if (!enabled) {
            return new Decision(true, Long.MAX_VALUE, 0);
        }
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Decision(true, probe.getRemainingTokens(), 0);
        }
        return new Decision(false, 0, seconds(probe.getNanosToWaitForRefill()));
    }

    /** Whether the key's allowance is spent, without spending any; if so, how many seconds until one is back. */
    Decision peek(String key) {
        if (!enabled) {
            return new Decision(true, Long.MAX_VALUE, 0);
        }
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket == null || bucket.getAvailableTokens() > 0) {
            return new Decision(true, bucket == null ? capacity : bucket.getAvailableTokens(), 0);
        }
        return new Decision(false, 0, seconds(bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
    }

    private Bucket bucket(String key) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(refillTokens(), refillPeriod()).build())
                .build());
    }

    /** A whole rate a second as it is; a rate below one, or with a fraction, as one token every so long. */
    private long refillTokens() {
        return perSecond >= 1 && perSecond == Math.rint(perSecond) ? (long) perSecond : 1;
    }

    private Duration refillPeriod() {
        return perSecond >= 1 && perSecond == Math.rint(perSecond) ? Duration.ofSeconds(1)
                : Duration.ofNanos(Math.round(1_000_000_000 / perSecond));
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}

package dev.okr.gateway.routing;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.okr.gateway.GatewayConfig;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * A token bucket per caller (Bucket4j), kept in a bounded cache (Caffeine) so idle callers cost nothing:
 * a caller may send {@code capacity} requests at once and {@code perSecond} a second after that.
 */
final class RateLimits {

    /** Whether the request may go on; if not, how many seconds until it may. */
    record Decision(boolean allowed, long remaining, long retryAfterSeconds) {
    }

    private final GatewayConfig.RateLimit config;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    RateLimits(GatewayConfig.RateLimit config) {
        this.config = config;
    }

    Decision take(String caller) {
        if (!config.enabled()) {
            return new Decision(true, Long.MAX_VALUE, 0);
        }
        Bucket bucket = buckets.get(caller, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(config.capacity())
                        .refillGreedy(config.perSecond(), Duration.ofSeconds(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Decision(true, probe.getRemainingTokens(), 0);
        }
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return new Decision(false, 0, seconds);
    }
}

package dev.okr.platform.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "okr.outbox")
public interface OutboxConfig {

    /** Whether this instance runs a relay; every replica may, they take turns safely. */
    @WithDefault("true")
    boolean relayEnabled();

    /** The CloudEvents {@code source} of this service's events, e.g. {@code /objectives-service}. */
    @WithDefault("/okr")
    String source();

    /** The safety poll: how often the relay looks for pending rows when no commit woke it. */
    @WithDefault("PT5S")
    Duration pollInterval();

    /** How many pending rows one relay transaction publishes at most. */
    @WithDefault("500")
    int batchSize();

    /** How long the relay waits for the broker to acknowledge a batch before it rolls back and retries. */
    @WithDefault("PT15S")
    Duration sendTimeout();

    /** The longest pause between retries while the broker or the database is unreachable. */
    @WithDefault("PT5S")
    Duration maxBackoff();

    /** How long published rows are kept (for inspection) before the relay deletes them. */
    @WithDefault("P3D")
    Duration retention();
}

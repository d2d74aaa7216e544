package dev.okr.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The services behind the gateway, by name (objectives, kpi, alignment). */
    Map<String, Upstream> upstreams();

    /** How long a cached copy of the merged OpenAPI document is served before the services are asked again. */
    @WithDefault("PT30S")
    Duration openapiRefresh();

    /** Requests per caller (a user of an organisation, or an integration's key). */
    RateLimit rateLimit();

    /**
     * The largest request body the gateway passes on, in bytes (the services refuse larger ones too): a body
     * announced larger is answered 413 at once. 10 MiB holds a 10,000-item measurement batch several times over.
     */
    @WithDefault("10485760")
    long maxBodyBytes();

    /** The live event stream, {@code GET /api/v1/stream}. */
    Stream stream();

    interface Stream {

        /** How many recent events are kept for clients that resume with Last-Event-ID. */
        @WithDefault("10000")
        int buffer();

        /** How often an idle stream gets a comment line, so proxies and clients keep it open. */
        @WithDefault("PT15S")
        Duration heartbeat();

        /**
         * The secret stream tickets are signed with. Without one, each gateway makes its own at start: enough for one
         * replica; several must share one (from a Secret) to take each other's tickets.
         */
        Optional<String> ticketSecret();
    }

    interface RateLimit {

        /** Whether callers are limited at all. */
        @WithDefault("true")
        boolean enabled();

        /** The burst a caller may send at once. */
        @WithDefault("200")
        long capacity();

        /** How many requests a second a caller's allowance grows back by. */
        @WithDefault("100")
        long perSecond();

        /**
         * Failed authentications (a bad or expired token, an unknown API key) a client address may have in a burst;
         * past them, that address gets 429 until its allowance grows back.
         */
        @WithDefault("20")
        long failedCapacity();

        /** How many failed authentications a second an address's allowance grows back by; below 1 (0.1: one every ten seconds) too. */
        @WithDefault("1")
        double failedPerSecond();
    }

    interface Upstream {

        /** The service's base URL, e.g. {@code http://objectives-service:8081}. */
        URI url();

        /** The public path prefixes it owns, e.g. {@code /api/v1/cycles}. */
        List<String> prefixes();

        /** How long the gateway waits for the service's answer before giving up. */
        @WithDefault("PT30S")
        Duration timeout();

        /** How long the gateway tries to connect to the service. */
        @WithDefault("PT2S")
        Duration connectTimeout();

        /** How many times a GET or HEAD whose connection failed is tried again (at most 3). */
        @WithDefault("2")
        int retries();
    }
}

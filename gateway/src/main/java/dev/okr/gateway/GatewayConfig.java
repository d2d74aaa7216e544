package dev.okr.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
    }

    interface Upstream {

        /** The service's base URL, e.g. {@code http://objectives-service:8081}. */
        URI url();

        /** The public path prefixes it owns, e.g. {@code /api/v1/cycles}. */
        List<String> prefixes();

        /** How long the gateway waits for the service's answer before giving up. */
        @WithDefault("PT30S")
        Duration timeout();
    }
}

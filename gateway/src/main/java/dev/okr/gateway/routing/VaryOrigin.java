package dev.okr.gateway.routing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * Answers differ by the caller's {@code Origin} (the CORS headers say which origin may read them), so every answer,
 * a preflight's too, says {@code Vary: Origin}: a shared cache never serves one site's answer to another.
 */
@ApplicationScoped
public class VaryOrigin {

    /** Before everything else, the CORS filter included, so that its own answers carry the header too. */
    private static final int PRIORITY = Integer.MAX_VALUE;

    void filters(@Observes Filters filters) {
        filters.register(rc -> {
            rc.response().headers().add("Vary", "Origin");
            rc.next();
        }, PRIORITY);
    }
}

package dev.okr.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.okr.gateway.Problems;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Every answer of the gateway is problem+json, including those the HTTP layer would otherwise give with an
 * empty or HTML body: headers or a request line too large (431, 414 — checked here below the server's own,
 * higher limits), a path that cannot be parsed (400), an origin CORS refuses (403), a path outside the API
 * (404), and whatever else ends a request with an error status before a route answered it.
 */
@ApplicationScoped
public class EdgeErrors {

    /** Before Quarkus' CORS filter (300) and its security filters. */
    static final int FILTER_PRIORITY = 400;
    /** The most header bytes (names and values) a request may carry; a token is a few kB. */
    static final int MAX_HEADER_BYTES = 32 * 1024;
    /** The longest request target (path and query). */
    static final int MAX_URI_LENGTH = 8 * 1024;

    private static final Map<Integer, String[]> ERRORS = Map.of(
            400, new String[] {"bad-request", "Bad Request", "The request cannot be read: check the path and its encoding."},
            404, new String[] {"not-found", "Not Found", "Nothing lives at this path: the API is under /api/v1 (see /q/openapi)."},
            405, new String[] {"method-not-allowed", "Method Not Allowed", "This method is not allowed on this path."},
            413, new String[] {"payload-too-large", "Payload Too Large", "The body is too large."},
            414, new String[] {"uri-too-long", "URI Too Long", "The path and query are too long."},
            431, new String[] {"request-header-fields-too-large", "Request Header Fields Too Large", "The headers are too large."},
            500, new String[] {"internal", "Internal error", "Something went wrong in the gateway."});

    private final boolean corsEnabled;
    /** The configured origins: exact ones, {@code *}, and {@code /regular expressions/} compiled once. */
    private final List<String> origins;
    private final List<Pattern> originPatterns;

    public EdgeErrors(@ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false") boolean corsEnabled,
            @ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> origins) {
        this.corsEnabled = corsEnabled;
        this.origins = origins.orElse(List.of()).stream().map(String::trim).toList();
        this.originPatterns = this.origins.stream().filter(o -> o.length() > 2 && o.startsWith("/") && o.endsWith("/"))
                .map(o -> Pattern.compile(o.substring(1, o.length() - 1))).toList();
    }

    void register(@Observes Router router) {
        ERRORS.forEach((status, error) -> router.errorHandler(status, rc -> {
            if (!rc.response().ended() && !rc.response().headWritten()) {
                Problems.send(rc.response(), status, error[0], error[1], error[2], safePath(rc));
            }
        }));
        // whatever no route answered: a problem, not an HTML page
        router.route().last().handler(rc -> Problems.send(rc.response(), 404, "not-found", "Not Found",
                "Nothing lives at " + safePath(rc) + ": the API is under /api/v1 (see /q/openapi for the paths).", safePath(rc)));
    }

    void filters(@Observes Filters filters) {
        filters.register(this::limits, FILTER_PRIORITY);
    }

    void limits(RoutingContext rc) {
        var request = rc.request();
        if (request.uri().length() > MAX_URI_LENGTH) {
            Problems.send(EdgeGuard.closing(rc), 414, "uri-too-long", "URI Too Long",
                    "The path and query are " + request.uri().length() + " characters; at most " + MAX_URI_LENGTH + " are accepted.", safePath(rc));
            return;
        }
        int headerBytes = 0;
        for (Map.Entry<String, String> h : request.headers()) {
            headerBytes += h.getKey().length() + h.getValue().length() + 4;
        }
        if (headerBytes > MAX_HEADER_BYTES) {
            Problems.send(EdgeGuard.closing(rc), 431, "request-header-fields-too-large",
                    "Request Header Fields Too Large", "The headers take " + headerBytes + " bytes; at most " + MAX_HEADER_BYTES
                            + " are accepted (a token is a few kB).", safePath(rc));
            return;
        }
        String origin = request.getHeader("Origin");
        if (corsEnabled && origin != null && !allowed(origin, rc)) {
            Problems.send(rc.response(), 403, "forbidden", "Forbidden", "Requests from the origin " + origin
                    + " are not allowed here: the deployment lists the origins its frontends run on (QUARKUS_HTTP_CORS_ORIGINS).",
                    safePath(rc));
            return;
        }
        rc.next();
    }

    /** As Quarkus' CORS filter decides: a listed origin, a /regular expression/ that matches, a wildcard, or the same origin. */
    private boolean allowed(String origin, RoutingContext rc) {
        if (origins.contains("*") || origins.contains(origin)
                || originPatterns.stream().anyMatch(p -> p.matcher(origin).matches())) {
            return true;
        }
        return sameOrigin(origin, rc);
    }

    private static boolean sameOrigin(String origin, RoutingContext rc) {
        try {
            URI o = URI.create(origin);
            String host = rc.request().authority() == null ? null : rc.request().authority().toString();
            return host != null && o.getRawPath() != null && o.getRawPath().isEmpty()
                    && (o.getHost() + (o.getPort() < 0 ? "" : ":" + o.getPort())).equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The path for the problem's {@code instance}, when it can be read; a path that cannot be parsed is left out. */
    private static String safePath(RoutingContext rc) {
        try {
            String path = rc.request().path();
            return path == null || path.length() > 2000 ? null : path;
        } catch (RuntimeException e) {
            return null;
        }
    }
}

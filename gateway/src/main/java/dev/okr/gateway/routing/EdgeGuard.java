package dev.okr.gateway.routing;

import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.gateway.GatewayConfig;
import dev.okr.gateway.Problems;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * What every request to {@code /api/v1/**} passes first, whether the gateway proxies it or answers it itself:
 * it gets an {@code X-Request-Id} (the caller's own is kept), the caller is checked ({@link EdgeAuth}) and
 * held to their rate limit, and the organisation headers a caller might forge are removed; the gateway sets
 * {@code X-Okr-Organisation} itself from the verified token.
 */
@ApplicationScoped
public class EdgeGuard {

    public static final String REQUEST_ID = "X-Request-Id";
    /** The organisation of a verified user token, as the gateway passes it on; services check it agrees with the token. */
    public static final String ORGANISATION = "X-Okr-Organisation";

    private final EdgeAuth auth;
    private final RateLimits limits;
    private final RateLimits failures;
    private final long maxBodyBytes;

    public EdgeGuard(EdgeAuth auth, GatewayConfig config) {
        this.auth = auth;
        GatewayConfig.RateLimit rates = config.rateLimit();
        this.limits = new RateLimits(rates.enabled(), rates.capacity(), rates.perSecond());
        this.failures = new RateLimits(rates.enabled(), rates.failedCapacity(), rates.failedPerSecond());
        this.maxBodyBytes = config.maxBodyBytes();
    }

    /** The admitted caller, or {@code null} when the request has already been answered with a refusal. */
    public EdgeAuth.Verdict admit(RoutingContext rc) {
        return admit(rc, auth::check);
    }

    /** As {@link #admit(RoutingContext)}, with another way to tell who is calling (a stream ticket). */
    public EdgeAuth.Verdict admit(RoutingContext rc, Function<HttpServerRequest, EdgeAuth.Verdict> check) {
        var request = rc.request();
        String requestId = request.getHeader(REQUEST_ID);
        if (requestId == null || requestId.isBlank() || requestId.length() > 200) {
            requestId = UUID.randomUUID().toString();
            request.headers().set(REQUEST_ID, requestId);
        }
        request.headers().remove(ORGANISATION);
        if (tooLarge(rc, requestId)) {
            return null;
        }
        // an address that keeps failing to authenticate (guessing keys or tokens) is stopped before any check
        RateLimits.Decision failing = failures.peek(address(rc));
        if (!failing.allowed()) {
            rc.response().putHeader(REQUEST_ID, requestId).putHeader("Retry-After", String.valueOf(failing.retryAfterSeconds()));
            Problems.send(rc.response(), 429, "too-many-requests", "Too Many Requests", "Too many failed authentications "
                    + "from your address: retry after " + failing.retryAfterSeconds() + " s with valid credentials.", request.path());
            return null;
        }
        EdgeAuth.Verdict verdict = check.apply(request);
        EdgeAuth.Refusal refusal = verdict.refusal();
        if (refusal != null) {
            rc.response().putHeader(REQUEST_ID, requestId);
            if (refusal.status() == 401) {
                failedAuthentication(rc);
                rc.response().putHeader("WWW-Authenticate", "Bearer");
            }
            Problems.send(rc.response(), refusal.status(), refusal.slug(), refusal.title(), refusal.detail(), request.path());
            return null;
        }
        RateLimits.Decision decision = limits.take(verdict.caller());
        if (!decision.allowed()) {
            rc.response().putHeader(REQUEST_ID, requestId).putHeader("Retry-After", String.valueOf(decision.retryAfterSeconds()));
            Problems.send(rc.response(), 429, "too-many-requests", "Too Many Requests",
                    "You sent more requests than your allowance: retry after " + decision.retryAfterSeconds() + " s.", request.path());
            return null;
        }
        if (verdict.organisation() != null) {
            request.headers().set(ORGANISATION, verdict.organisation());
        } else {
            // an API key is checked by kpi-service: an unknown one comes back 401, and counts against the address
            rc.addHeadersEndHandler(v -> {
                if (rc.response().getStatusCode() == 401) {
                    failedAuthentication(rc);
                }
            });
        }
        return verdict;
    }

    private void failedAuthentication(RoutingContext rc) {
        failures.take(address(rc));
    }

    /**
     * The client's address: the connection's peer, or — behind a proxy the deployment trusts
     * ({@code quarkus.http.proxy.*}) — the address it forwarded.
     */
    private static String address(RoutingContext rc) {
        var remote = rc.request().remoteAddress();
        return remote == null ? "unknown" : remote.hostAddress();
    }

    /**
     * A body announced larger than the limit is refused with 413 — after it has been read and dropped, so that the
     * client, still sending, gets the answer rather than a connection torn down under it.
     */
    private boolean tooLarge(RoutingContext rc, String requestId) {
        String length = rc.request().getHeader("Content-Length");
        long announced;
        try {
            announced = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            announced = -1;
        }
        if (announced <= maxBodyBytes) {
            return false;
        }
        var request = rc.request();
        String path = request.path();
        long size = announced;
        request.handler(ignored -> {
        });
        request.endHandler(end -> {
            closing(rc).putHeader(REQUEST_ID, requestId);
            Problems.send(rc.response(), 413, "payload-too-large", "Payload Too Large", "The body is " + size
                    + " bytes; at most " + maxBodyBytes + " are accepted. Send large ingestion batches in parts of at most "
                    + "10,000 items.", path);
        });
        request.resume();
        return true;
    }

    /**
     * The response, asking an HTTP/1 client to close the connection after it. HTTP/2 forbids the Connection header
     * (RFC 9113, 8.2.2: clients such as Java's reject the whole response) and ends the stream by itself.
     */
    static HttpServerResponse closing(RoutingContext rc) {
        HttpServerResponse response = rc.response();
        if (rc.request().version() != HttpVersion.HTTP_2) {
            response.putHeader("Connection", "close");
        }
        return response;
    }

    /**
     * Whether the request may carry a body whose length it did not announce: chunked over HTTP/1.1, or any
     * body without Content-Length over HTTP/2 (where there is no Transfer-Encoding).
     */
    static boolean unannouncedLength(HttpServerRequest request) {
        if (request.getHeader("Content-Length") != null) {
            return false;
        }
        String encoding = request.getHeader("Transfer-Encoding");
        boolean chunked = encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
        boolean mayHaveBody = request.method() == HttpMethod.POST || request.method() == HttpMethod.PUT
                || request.method() == HttpMethod.PATCH;
        return chunked || (mayHaveBody && request.version() == HttpVersion.HTTP_2);
    }

    /**
     * Reads a body sent without Content-Length (chunked, or HTTP/2), up to the limit, and hands it on; past the limit the rest
     * is read and dropped and the answer is a 413, as for a body announced too large.
     */
    public void readChunkedBody(RoutingContext rc, Consumer<Buffer> then) {
        var request = rc.request();
        String path = request.path();
        Buffer body = Buffer.buffer();
        long[] size = {0};
        request.handler(chunk -> {
            size[0] += chunk.length();
            if (size[0] <= maxBodyBytes) {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(end -> {
            if (size[0] > maxBodyBytes) {
                closing(rc).putHeader(REQUEST_ID, requestId(rc));
                Problems.send(rc.response(), 413, "payload-too-large", "Payload Too Large", "The body is " + size[0]
                        + " bytes; at most " + maxBodyBytes + " are accepted. Send large ingestion batches in parts of at most "
                        + "10,000 items.", path);
            } else {
                then.accept(body);
            }
        });
        request.resume();
    }

    /** The request's id, as {@link #admit} settled it. */
    public static String requestId(RoutingContext rc) {
        return rc.request().getHeader(REQUEST_ID);
    }
}

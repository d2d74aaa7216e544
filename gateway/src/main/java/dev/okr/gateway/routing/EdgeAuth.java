package dev.okr.gateway.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.okr.contracts.Hashes;
import dev.okr.contracts.auth.IngestionRoutes;
import dev.okr.contracts.auth.TokenLifetime;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * Who may pass the gateway: a JWT verified here (issuer, audience, expiry, signature — the same settings
 * as the services, which verify it again), with at least {@code viewer} to read and {@code member} to
 * write; or, on the ingestion routes only, an integration's {@code X-Api-Key}, which kpi-service checks.
 * Finer rules (admin-only operations, another organisation's resources) stay with the services.
 */
@ApplicationScoped
public class EdgeAuth {

    /** Why a request was stopped at the edge, as an HTTP status and a sentence. */
    public record Refusal(int status, String slug, String title, String detail) {
    }

    /**
     * The outcome of the check: who is calling (for rate limits) and, for a user, the organisation their token
     * names (an integration's organisation is known to kpi-service only) and when the token expires (epoch seconds,
     * 0 for none); or why they may not.
     */
    public record Verdict(String caller, String organisation, long expiresAt, Refusal refusal) {
    }

    private static final Set<String> READERS = Set.of("viewer", "member", "admin");
    /** A POST that changes nothing: a ticket to read the stream with, which a viewer may get. */
    private static final String STREAM_TICKETS = "/api/v1/stream/tickets";
    private static final Set<String> WRITERS = Set.of("member", "admin");

    private final JWTParser parser;

    /** What the edge keeps of a verified token: enough to decide, without checking its signature again. */
    private record Verified(String subject, String organisation, Set<String> roles, long expiresAt) {
    }

    /**
     * Tokens verified recently, by their text: a signature check (RS256) is most of the edge's CPU, and a frontend
     * sends the same token for its whole life. An entry is used only until the token expires.
     */
    private final Cache<String, Verified> verified = Caffeine.newBuilder().maximumSize(20_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    private final long clockSkewSeconds;
    private final Duration maxLifetime;
    private final Clock clock;

    public EdgeAuth(JWTParser parser,
            @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60") long clockSkewSeconds,
            @ConfigProperty(name = "okr.auth.max-token-lifetime", defaultValue = "PT24H") Duration maxLifetime, Clock clock) {
        this.parser = parser;
        this.clockSkewSeconds = clockSkewSeconds;
        this.maxLifetime = maxLifetime;
        this.clock = clock;
    }

    public Verdict check(HttpServerRequest request) {
        String apiKey = request.getHeader(IngestionRoutes.API_KEY_HEADER);
        if (apiKey != null && !apiKey.isBlank()) {
            if (IngestionRoutes.accepts(request.method().name(), request.path())) {
                return new Verdict("key:" + Hashes.sha256(apiKey), null, 0, null);
            }
            return refuse(new Refusal(403, "forbidden", "Forbidden", "An integration's API key opens the ingestion endpoints only."));
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return refuse(unauthenticated("Send a bearer token (Authorization: Bearer <jwt>), or an integration's X-Api-Key for ingestion."));
        }
        String raw = authorization.substring(7).trim();
        Verified token = verified.getIfPresent(raw);
        if (token != null && token.expiresAt() + clockSkewSeconds <= clock.instant().getEpochSecond()) {
            // seen before, and expired since (with the same leeway the verification allows)
            verified.invalidate(raw);
            return refuse(unauthenticated("The token has expired: get a new one."));
        }
        if (token == null) {
            try {
                JsonWebToken parsed = parser.parse(raw);
                String lifetime = TokenLifetime.problem(parsed.getIssuedAtTime(), parsed.getExpirationTime(), clock.instant(),
                        maxLifetime, Duration.ofSeconds(clockSkewSeconds));
                if (lifetime != null) {
                    return refuse(unauthenticated(lifetime));
                }
                Object claim = parsed.getClaim("org");
                token = new Verified(parsed.getSubject(), claim == null ? null : claim.toString().replace("\"", ""),
                        parsed.getGroups() == null ? Set.of() : Set.copyOf(parsed.getGroups()), parsed.getExpirationTime());
            } catch (ParseException e) {
                verified.invalidate(raw);
                return refuse(unauthenticated("The token is not valid here (signature, issuer, audience or expiry): get a new one."));
            }
            verified.put(raw, token);
        }
        Set<String> roles = token.roles();
        boolean reads = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD
                || request.method() == HttpMethod.OPTIONS || STREAM_TICKETS.equals(request.path());
        Set<String> needed = reads ? READERS : WRITERS;
        if (roles.stream().noneMatch(needed::contains)) {
            return refuse(new Refusal(403, "forbidden", "Forbidden", reads ? "Reading needs the role viewer, member or admin."
                    : "Changing anything needs the role member or admin."));
        }
        String org = token.organisation();
        if (org == null) {
            return refuse(new Refusal(403, "forbidden", "Forbidden", "The token carries no 'org' claim: it must name the caller's organisation."));
        }
        return new Verdict("user:" + org + ":" + token.subject(), org, token.expiresAt(), null);
    }

    private static Verdict refuse(Refusal refusal) {
        return new Verdict(null, null, 0, refusal);
    }

    private static Refusal unauthenticated(String detail) {
        return new Refusal(401, "unauthenticated", "Unauthenticated", detail);
    }
}

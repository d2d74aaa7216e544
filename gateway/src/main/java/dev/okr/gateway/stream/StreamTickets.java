package dev.okr.gateway.stream;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.okr.gateway.GatewayConfig;
import dev.okr.gateway.routing.EdgeAuth;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Stream tickets, for browsers: an {@code EventSource} cannot send {@code Authorization}, so a page asks for a ticket
 * with its token ({@code POST /api/v1/stream/tickets}) and opens {@code GET /api/v1/stream?ticket=…}. A ticket names
 * the caller and organisation of the token it was issued for, lives {@value #LIFETIME_SECONDS} s, and opens one
 * stream: it is signed (HMAC-SHA256 with {@code gateway.stream.ticket-secret}), so any gateway replica sharing the
 * secret accepts it, and each replica remembers the tickets used until they expire. The stream still ends when the
 * token it was issued for expires.
 */
@ApplicationScoped
public class StreamTickets {

    static final long LIFETIME_SECONDS = 60;

    /** A ticket and when it stops opening streams. */
    public record Ticket(String ticket, Instant expiresAt) {
    }

    private final byte[] secret;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Cache<String, Boolean> used = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterWrite(Duration.ofSeconds(LIFETIME_SECONDS * 2)).build();

    public StreamTickets(GatewayConfig config, Clock clock) {
        this.secret = config.stream().ticketSecret().filter(s -> !s.isBlank()).map(s -> s.getBytes(StandardCharsets.UTF_8)).orElseGet(() -> {
            // one replica: a secret of its own; several replicas must share one to accept each other's tickets
            byte[] own = new byte[32];
            new SecureRandom().nextBytes(own);
            return own;
        });
        this.clock = clock;
    }

    /** A ticket for a caller who presented a token (not an API key: integrations do not follow streams). */
    public Ticket issue(EdgeAuth.Verdict caller) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        Instant expiresAt = clock.instant().plusSeconds(LIFETIME_SECONDS);
        JsonObject claims = new JsonObject().put("n", Base64.getUrlEncoder().withoutPadding().encodeToString(nonce))
                .put("caller", caller.caller()).put("org", caller.organisation())
                .put("exp", expiresAt.getEpochSecond()).put("tokenExp", caller.expiresAt());
        byte[] payload = claims.encode().getBytes(StandardCharsets.UTF_8);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return new Ticket(b64.encodeToString(payload) + "." + b64.encodeToString(sign(payload)), expiresAt);
    }

    /** The caller a ticket opens a stream for, once; a refusal (401) when it is forged, expired or used. */
    public EdgeAuth.Verdict redeem(String ticket) {
        int dot = ticket.indexOf('.');
        if (ticket.length() > 1_000 || dot <= 0) {
            return refused("This is not a stream ticket: get one with POST /api/v1/stream/tickets.");
        }
        JsonObject claims;
        try {
            byte[] payload = Base64.getUrlDecoder().decode(ticket.substring(0, dot));
            byte[] signature = Base64.getUrlDecoder().decode(ticket.substring(dot + 1));
            if (!MessageDigest.isEqual(sign(payload), signature)) {
                return refused("This stream ticket was not issued here: get one with POST /api/v1/stream/tickets.");
            }
            claims = new JsonObject(new String(payload, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | DecodeException e) {
            return refused("This is not a stream ticket: get one with POST /api/v1/stream/tickets.");
        }
        if (claims.getLong("exp", 0L) < clock.instant().getEpochSecond()) {
            return refused("The stream ticket expired (they live " + LIFETIME_SECONDS + " s): get a new one.");
        }
        if (used.asMap().putIfAbsent(claims.getString("n", ""), Boolean.TRUE) != null) {
            return refused("The stream ticket was used already (each opens one stream): get a new one.");
        }
        return new EdgeAuth.Verdict(claims.getString("caller"), claims.getString("org"), claims.getLong("tokenExp", 0L), null);
    }

    private byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }

    private static EdgeAuth.Verdict refused(String detail) {
        return new EdgeAuth.Verdict(null, null, 0, new EdgeAuth.Refusal(401, "unauthenticated", "Unauthenticated", detail));
    }
}

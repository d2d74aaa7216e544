package dev.okr.gateway.stream;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.okr.contracts.KpiKeys;
import dev.okr.gateway.GatewayConfig;
import dev.okr.gateway.Problems;
import dev.okr.gateway.routing.EdgeAuth;
import dev.okr.gateway.routing.EdgeGuard;
import dev.okr.gateway.routing.ProxyRoutes;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/stream}: server-sent events of the caller's organisation as they happen — objectives
 * (progress, health, check-ins), KPIs (value, status), roll-ups, alignment, units and cycles — optionally only
 * those about given objectives, KPIs or units. A client that reconnects with {@code Last-Event-ID} (or
 * {@code ?lastEventId=}) gets what it missed if this gateway still holds it, else a {@code reset} event telling
 * it to reload. A slow client that cannot keep up is disconnected rather than buffered without end; the
 * stream ends with an {@code expired} event when the caller's token does.
 */
@ApplicationScoped
public class StreamRoute {

    static final String PATH = "/api/v1/stream";
    private static final int MAX_IDS = 100;

    private final EventHub hub;
    private final EdgeGuard guard;
    private final StreamTickets tickets;
    private final Vertx vertx;
    private final GatewayConfig config;

    public StreamRoute(EventHub hub, EdgeGuard guard, StreamTickets tickets, Vertx vertx, GatewayConfig config) {
        this.hub = hub;
        this.guard = guard;
        this.tickets = tickets;
        this.vertx = vertx;
        this.config = config;
    }

    void register(@Observes Router router) {
        router.get(PATH).order(ProxyRoutes.ORDER - 1).handler(this::open);
        router.post(PATH + "/tickets").order(ProxyRoutes.ORDER - 1).handler(this::ticket);
    }

    /** {@code POST /api/v1/stream/tickets}: a ticket for a browser's EventSource, which cannot send the token. */
    private void ticket(RoutingContext rc) {
        EdgeAuth.Verdict caller = guard.admit(rc);
        if (caller == null) {
            return;
        }
        HttpServerResponse response = rc.response().putHeader(EdgeGuard.REQUEST_ID, EdgeGuard.requestId(rc));
        if (caller.organisation() == null) {
            Problems.send(response, 403, "forbidden", "Forbidden", "An integration's API key opens the ingestion endpoints "
                    + "only; a stream ticket needs a person's token.", PATH + "/tickets");
            return;
        }
        StreamTickets.Ticket ticket = tickets.issue(caller);
        response.setStatusCode(201).putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("ticket", ticket.ticket()).put("expiresAt", ticket.expiresAt().toString()).encode());
    }

    private void open(RoutingContext rc) {
        String ticket = rc.request().getParam("ticket");
        boolean byTicket = ticket != null && rc.request().getHeader("Authorization") == null;
        EdgeAuth.Verdict caller = byTicket ? guard.admit(rc, request -> tickets.redeem(ticket)) : guard.admit(rc);
        if (caller == null) {
            return;
        }
        HttpServerResponse response = rc.response().putHeader(EdgeGuard.REQUEST_ID, EdgeGuard.requestId(rc));
        StreamFilter filter;
        try {
            filter = new StreamFilter(caller.organisation(), ids(rc, "objectiveId"), ids(rc, "kpiId"), ids(rc, "unitId"));
        } catch (IllegalArgumentException e) {
            Problems.send(response, 400, "invalid-request", "Invalid Request", e.getMessage(), PATH);
            return;
        }
        String lastEventId = rc.request().getHeader("Last-Event-ID");
        if (lastEventId == null || lastEventId.isBlank()) {
            lastEventId = rc.request().getParam("lastEventId");
        }
        response.setChunked(true).setStatusCode(200)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write("retry: 3000\n: connected\n\n");

        Context context = vertx.getOrCreateContext();
        Stream stream = new Stream(filter, response, context);
        EventHub.Replay replay = hub.subscribe(stream, lastEventId == null || lastEventId.isBlank() ? null : lastEventId.trim());
        if (!replay.resumed()) {
            response.write("event: reset\ndata: {\"reason\":\"The events after " + escape(lastEventId)
                    + " are no longer held here: reload what you show, then follow this stream.\"}\n\n");
        }
        replay.events().forEach(e -> response.write(e.toSse()));

        long heartbeat = vertx.setPeriodic(config.stream().heartbeat().toMillis(), t -> stream.comment("keep-alive"));
        long expiry = caller.expiresAt() > 0
                ? vertx.setTimer(Math.max(1, caller.expiresAt() * 1000 - Instant.now().toEpochMilli()), t -> stream.expire())
                : -1;
        Runnable cleanup = () -> {
            hub.unsubscribe(stream);
            vertx.cancelTimer(heartbeat);
            if (expiry >= 0) {
                vertx.cancelTimer(expiry);
            }
        };
        response.closeHandler(v -> cleanup.run());
        response.endHandler(v -> cleanup.run());
    }

    /**
     * The ids given for a filter, repeated or comma-separated; each must be a UUID — or, for {@code kpiId}, a KPI's key
     * as well (what integrations and dashboards name KPIs by).
     */
    private static Set<String> ids(RoutingContext rc, String name) {
        List<String> values = rc.queryParam(name);
        boolean keys = name.equals("kpiId");
        Set<String> ids = new LinkedHashSet<>();
        for (String value : values) {
            for (String id : value.split(",")) {
                if (id.isBlank()) {
                    continue;
                }
                if (keys && KpiKeys.isKey(id.trim())) {
                    ids.add(id.trim());
                    continue;
                }
                try {
                    ids.add(UUID.fromString(id.trim()).toString());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("The query parameter '" + name + "' takes ids (UUIDs)"
                            + (keys ? " or KPI keys" : "") + "; '" + (id.length() > 60 ? id.substring(0, 60) + "…" : id)
                            + "' is " + (keys ? "neither" : "not one") + ".");
                }
            }
        }
        if (ids.size() > MAX_IDS) {
            throw new IllegalArgumentException("Filter by at most " + MAX_IDS + " ids per parameter ('" + name + "').");
        }
        return Set.copyOf(ids);
    }

    private static String escape(String text) {
        String cut = text.length() > 100 ? text.substring(0, 100) : text;
        return cut.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\r\\n]", " ");
    }

    /** One open stream: events are written on the stream's own context; a client too slow to take them is let go. */
    private final class Stream implements EventHub.Subscriber {

        private final StreamFilter filter;
        private final HttpServerResponse response;
        private final Context context;
        private volatile boolean closed;

        Stream(StreamFilter filter, HttpServerResponse response, Context context) {
            this.filter = filter;
            this.response = response;
            this.context = context;
        }

        @Override
        public StreamFilter filter() {
            return filter;
        }

        @Override
        public void send(StreamEvent event) {
            context.runOnContext(v -> write(event.toSse()));
        }

        void comment(String text) {
            context.runOnContext(v -> write(": " + text + "\n\n"));
        }

        void expire() {
            context.runOnContext(v -> {
                write("event: expired\ndata: {\"reason\":\"Your token expired: reconnect with a new one.\"}\n\n");
                close();
            });
        }

        private void write(String text) {
            if (closed || response.closed() || response.ended()) {
                return;
            }
            if (response.writeQueueFull()) {
                // the client reads slower than events come: let it reconnect with Last-Event-ID instead of buffering
                close();
                return;
            }
            response.write(text);
        }

        private void close() {
            closed = true;
            hub.unsubscribe(this);
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        }
    }
}

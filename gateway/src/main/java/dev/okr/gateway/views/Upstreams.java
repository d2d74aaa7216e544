package dev.okr.gateway.views;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.gateway.GatewayConfig;
import dev.okr.gateway.Problems;
import dev.okr.gateway.routing.EdgeGuard;
import dev.okr.gateway.routing.UpstreamFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * Reads from the services on a caller's behalf, for the composite views: the caller's own token goes along
 * (each service checks it and keeps to the caller's organisation), with the request id and the organisation
 * header the gateway set. A service's refusal comes back as an {@link UpstreamProblem} carrying its answer.
 */
@ApplicationScoped
public class Upstreams {

    /** A service answered with an error (or not at all): the status and problem+json body to pass on. */
    public static final class UpstreamProblem extends RuntimeException {
        private final int status;
        private final String body;

        UpstreamProblem(int status, String body) {
            super(null, null, false, false);
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public String body() {
            return body;
        }
    }

    private final Map<String, WebClient> clients = new HashMap<>();
    private final GatewayConfig config;

    public Upstreams(Vertx vertx, GatewayConfig config) {
        this.config = config;
        config.upstreams().forEach((name, upstream) -> clients.put(name, WebClient.create(vertx, new WebClientOptions()
                .setDefaultHost(upstream.url().getHost())
                .setDefaultPort(upstream.url().getPort() > 0 ? upstream.url().getPort() : 80)
                .setConnectTimeout((int) upstream.connectTimeout().toMillis())
                .setKeepAlive(true).setMaxPoolSize(32))));
    }

    /** GET {@code uri} (path and query) from {@code service}: the decoded JSON (an object or an array). */
    public Future<Object> get(String service, String uri, RoutingContext rc) {
        return send(service, HttpMethod.GET, uri, null, rc);
    }

    /** PUT {@code body} (JSON) to {@code uri} of {@code service}: the decoded JSON answer. */
    public Future<Object> put(String service, String uri, Buffer body, RoutingContext rc) {
        return send(service, HttpMethod.PUT, uri, body, rc);
    }

    private Future<Object> send(String service, HttpMethod method, String uri, Buffer body, RoutingContext rc) {
        WebClient client = clients.get(service);
        if (client == null) {
            return Future.failedFuture(new UpstreamProblem(502, Problems.json(502, "bad-gateway", "Bad Gateway",
                    "No " + service + " service is configured behind this gateway.", rc.request().path())));
        }
        var request = client.request(method, uri).timeout(config.upstreams().get(service).timeout().toMillis())
                .putHeader("Accept", "application/json")
                .putHeader(EdgeGuard.REQUEST_ID, EdgeGuard.requestId(rc));
        copy(rc, request, "Authorization");
        copy(rc, request, EdgeGuard.ORGANISATION);
        Future<HttpResponse<Buffer>> sent = body == null ? request.send()
                : request.putHeader("Content-Type", "application/json").sendBuffer(body);
        return sent.recover(failure -> Future.failedFuture(unreachable(service, failure, rc)))
                .compose(response -> answer(service, response, rc));
    }

    private static void copy(RoutingContext rc, HttpRequest<Buffer> request, String header) {
        String value = rc.request().getHeader(header);
        if (value != null) {
            request.putHeader(header, value);
        }
    }

    private static Future<Object> answer(String service, HttpResponse<Buffer> response, RoutingContext rc) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            try {
                return Future.succeededFuture(Json.decodeValue(response.bodyAsBuffer() == null ? Buffer.buffer("null") : response.bodyAsBuffer()));
            } catch (RuntimeException e) {
                return Future.failedFuture(new UpstreamProblem(502, Problems.json(502, "bad-gateway", "Bad Gateway",
                        "The " + service + " service answered something that is not JSON.", rc.request().path())));
            }
        }
        if (status >= 400 && status < 500) {
            // the caller's mistake (or another organisation's id): the service said it best
            String body = response.bodyAsString();
            return Future.failedFuture(new UpstreamProblem(status, body == null ? Problems.json(status, "upstream",
                    "Refused", "The " + service + " service refused the request.", rc.request().path()) : body));
        }
        return Future.failedFuture(new UpstreamProblem(502, Problems.json(502, "bad-gateway", "Bad Gateway",
                "The " + service + " service failed to answer (" + status + "); try again shortly.", rc.request().path())));
    }

    private static UpstreamProblem unreachable(String service, Throwable failure, RoutingContext rc) {
        UpstreamFailure answer = UpstreamFailure.of(failure, service, rc.request().path());
        return new UpstreamProblem(answer.status(), answer.json(rc.request().path()));
    }
}

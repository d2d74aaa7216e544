package dev.okr.gateway.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.okr.gateway.GatewayConfig;
import dev.okr.gateway.Problems;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Routes {@code /api/v1/**} to the service that owns the path, with Vert.x's reverse proxy: bodies are
 * streamed through, not buffered; every request carries an {@code X-Request-Id} (kept when the caller
 * sent one), echoed on the answer.
 */
@ApplicationScoped
public class ProxyRoutes {

    public static final String REQUEST_ID = "X-Request-Id";

    private final GatewayConfig config;
    private final Vertx vertx;
    private final RouteTable table;
    private final Map<String, HttpProxy> proxies = new HashMap<>();

    private final EdgeAuth auth;
    private final RateLimits limits;

    public ProxyRoutes(GatewayConfig config, Vertx vertx, io.smallrye.jwt.auth.principal.JWTParser parser) {
        this.config = config;
        this.vertx = vertx;
        this.auth = new EdgeAuth(parser);
        this.limits = new RateLimits(config.rateLimit());
        Map<String, List<String>> prefixes = new HashMap<>();
        config.upstreams().forEach((name, upstream) -> prefixes.put(name, upstream.prefixes()));
        this.table = new RouteTable(prefixes);
    }

    public RouteTable table() {
        return table;
    }

    void register(@Observes Router router) {
        config.upstreams().forEach((name, upstream) -> proxies.put(name, proxy(upstream)));
        router.route("/api/v1/*").order(10).handler(rc -> {
            var request = rc.request();
            String requestId = request.getHeader(REQUEST_ID);
            if (requestId == null || requestId.isBlank() || requestId.length() > 200) {
                requestId = UUID.randomUUID().toString();
                request.headers().set(REQUEST_ID, requestId);
            }
            EdgeAuth.Verdict verdict = auth.check(request);
            EdgeAuth.Refusal refusal = verdict.refusal();
            if (refusal != null) {
                rc.response().putHeader(REQUEST_ID, requestId);
                if (refusal.status() == 401) {
                    rc.response().putHeader("WWW-Authenticate", "Bearer");
                }
                Problems.send(rc.response(), refusal.status(), refusal.slug(), refusal.title(), refusal.detail(), request.path());
                return;
            }
            RateLimits.Decision decision = limits.take(verdict.caller());
            if (!decision.allowed()) {
                rc.response().putHeader(REQUEST_ID, requestId).putHeader("Retry-After", String.valueOf(decision.retryAfterSeconds()));
                Problems.send(rc.response(), 429, "too-many-requests", "Too Many Requests",
                        "You sent more requests than your allowance: retry after " + decision.retryAfterSeconds() + " s.", request.path());
                return;
            }
            var service = table.serviceFor(request.path());
            if (service.isEmpty()) {
                rc.response().putHeader(REQUEST_ID, requestId);
                Problems.send(rc.response(), 404, "not-found", "Not Found",
                        "No API operation lives at " + request.path() + ": see /q/openapi for the paths.", request.path());
                return;
            }
            proxies.get(service.get()).handle(request);
        });
    }

    private HttpProxy proxy(GatewayConfig.Upstream upstream) {
        int port = upstream.url().getPort() > 0 ? upstream.url().getPort() : 80;
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout(2000)
                .setIdleTimeout((int) upstream.timeout().toSeconds())
                .setReadIdleTimeout((int) upstream.timeout().toSeconds()),
                new PoolOptions().setHttp1MaxSize(64));
        return HttpProxy.reverseProxy(client)
                .origin(port, upstream.url().getHost())
                .addInterceptor(new ProxyInterceptor() {
                    @Override
                    public Future<Void> handleProxyResponse(ProxyContext context) {
                        ProxyResponse response = context.response();
                        if (response.getStatusCode() == 502 && response.getBody() == null) {
                            // the service did not answer: say so in the API's own terms
                            response.putHeader("Content-Type", Problems.MEDIA_TYPE);
                            response.setBody(io.vertx.httpproxy.Body.body(io.vertx.core.buffer.Buffer.buffer(Problems.json(502,
                                    "bad-gateway", "Bad Gateway", "The service behind " + context.request().getURI()
                                            + " did not answer; try again shortly.", context.request().getURI()))));
                        }
                        String id = context.request().proxiedRequest().getHeader(REQUEST_ID);
                        if (id != null) {
                            response.headers().set(REQUEST_ID, id);
                        }
                        return context.sendResponse();
                    }
                });
    }
}

package dev.okr.gateway.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.okr.gateway.GatewayConfig;
import dev.okr.gateway.Problems;
import io.smallrye.common.vertx.ContextLocals;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.httpproxy.HttpProxy;

/**
 * Routes {@code /api/v1/**} to the service that owns the path, with Vert.x's reverse proxy: bodies are
 * streamed through, not buffered; every request carries an {@code X-Request-Id} (kept when the caller
 * sent one), echoed on the answer. A service that cannot be reached, is too slow or breaks off is answered
 * in problem+json ({@link UpstreamFailures}); safe methods are tried again when the connection failed.
 */
@ApplicationScoped
public class ProxyRoutes {

    /** Before the gateway's own routes under /api/v1 (the stream, the composite views) are matched: later. */
    public static final int ORDER = 10;
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    private final GatewayConfig config;
    private final Vertx vertx;
    private final RouteTable table;
    private final EdgeGuard guard;
    private final Map<String, HttpProxy> proxies = new HashMap<>();

    public ProxyRoutes(GatewayConfig config, Vertx vertx, EdgeGuard guard) {
        this.config = config;
        this.vertx = vertx;
        this.guard = guard;
        Map<String, List<String>> prefixes = new HashMap<>();
        config.upstreams().forEach((name, upstream) -> prefixes.put(name, upstream.prefixes()));
        this.table = new RouteTable(prefixes);
    }

    public RouteTable table() {
        return table;
    }

    void register(@Observes Router router) {
        config.upstreams().forEach((name, upstream) -> proxies.put(name, proxy(name, upstream)));
        router.route("/api/v1/*").order(ORDER).handler(rc -> {
            var request = rc.request();
            // what the HTTP metrics label this request with (read by Quarkus' Micrometer binder)
            ContextLocals.put(URL_PATH_TEMPLATE, table.template(request.path()));
            if (guard.admit(rc) == null) {
                return;
            }
            var service = table.serviceFor(request.path());
            if (service.isEmpty()) {
                rc.response().putHeader(EdgeGuard.REQUEST_ID, EdgeGuard.requestId(rc));
                Problems.send(rc.response(), 404, "not-found", "Not Found",
                        "No API operation lives at " + request.path() + ": see /q/openapi for the paths.", request.path());
                return;
            }
            HttpProxy proxy = proxies.get(service.get());
            if (EdgeGuard.unannouncedLength(request)) {
                // a body of unannounced length is read (up to the limit) before it goes on, so an oversized one gets a 413
                guard.readChunkedBody(rc, body -> {
                    ContextLocals.put(UpstreamFailures.BUFFERED_BODY, body);
                    proxy.handle(new ReadRequest(request));
                });
            } else {
                proxy.handle(request);
            }
        });
    }

    private HttpProxy proxy(String name, GatewayConfig.Upstream upstream) {
        int port = upstream.url().getPort() > 0 ? upstream.url().getPort() : 80;
        SocketAddress origin = SocketAddress.inetSocketAddress(port, upstream.url().getHost());
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout((int) upstream.connectTimeout().toMillis()),
                new PoolOptions().setHttp1MaxSize(64));
        long timeout = upstream.timeout().toMillis();
        return HttpProxy.reverseProxy(client)
                // each request to the service gives up when it has heard nothing for the upstream's timeout
                .originRequestProvider((request, httpClient) -> httpClient.request(new RequestOptions()
                        .setServer(origin).setIdleTimeout(timeout)))
                .addInterceptor(new UpstreamFailures(vertx, name, upstream.retries()))
                .addInterceptor(new PublicLocation(upstream.url()));
    }
}

package dev.okr.gateway.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.okr.gateway.GatewayConfig;
import dev.okr.gateway.Problems;
import dev.okr.gateway.routing.ProxyRoutes;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * Serves the merged OpenAPI document at {@code /q/openapi} (YAML, or JSON with {@code ?format=json} or
 * {@code Accept: application/json}). The services' documents are fetched again once the cached copy is
 * older than {@code gateway.openapi-refresh}; a service that does not answer keeps its last known document.
 */
@ApplicationScoped
public class OpenApiDocument {

    private final GatewayConfig config;
    private final ObjectMapper json;
    private final YAMLMapper yaml = new YAMLMapper();
    private final OpenApiMerger merger;
    private final Vertx vertx;
    private final Map<String, JsonNode> lastKnown = new ConcurrentHashMap<>();
    private final JsonNode own = OpenApiMerger.ownDocument();
    private WebClient client;
    private volatile ObjectNode merged;
    private volatile long mergedAt;

    public OpenApiDocument(GatewayConfig config, ObjectMapper json, ProxyRoutes routes, Vertx vertx) {
        this.config = config;
        this.json = json;
        this.merger = new OpenApiMerger(json, routes.table());
        this.vertx = vertx;
    }

    void register(@Observes Router router) {
        client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(2000).setIdleTimeout(10));
        router.get("/q/openapi").order(5).handler(this::serve);
    }

    private void serve(RoutingContext rc) {
        current().onComplete(result -> {
            if (result.failed()) {
                Problems.send(rc.response(), 503, "service-unavailable", "Service Unavailable",
                        "No service document could be read yet: " + result.cause().getMessage(), "/q/openapi");
                return;
            }
            boolean asJson = "json".equalsIgnoreCase(rc.request().getParam("format"))
                    || (rc.request().getHeader("Accept") != null && rc.request().getHeader("Accept").contains("json"));
            try {
                if (asJson) {
                    rc.response().putHeader("Content-Type", "application/json").end(json.writeValueAsString(result.result()));
                } else {
                    rc.response().putHeader("Content-Type", "application/yaml").end(yaml.writeValueAsString(result.result()));
                }
            } catch (Exception e) {
                rc.fail(e);
            }
        });
    }

    Future<ObjectNode> current() {
        long now = System.currentTimeMillis();
        if (merged != null && now - mergedAt < config.openapiRefresh().toMillis()) {
            return Future.succeededFuture(merged);
        }
        List<Future<Void>> fetches = config.upstreams().entrySet().stream().map(e -> fetch(e.getKey(), e.getValue())).toList();
        return Future.join(fetches).transform(ignored -> {
            if (lastKnown.isEmpty()) {
                return Future.failedFuture("no service answered");
            }
            Map<String, JsonNode> ordered = new LinkedHashMap<>(new TreeMap<>(lastKnown));
            ordered.put(OpenApiMerger.OWN, own);
            merged = merger.merge(ordered, "OKR and KPI platform", "0.1.0");
            mergedAt = System.currentTimeMillis();
            return Future.succeededFuture(merged);
        });
    }

    private Future<Void> fetch(String service, GatewayConfig.Upstream upstream) {
        int port = upstream.url().getPort() > 0 ? upstream.url().getPort() : 80;
        return client.get(port, upstream.url().getHost(), "/q/openapi").addQueryParam("format", "json")
                .timeout(5000).send()
                .map(response -> {
                    if (response.statusCode() == 200) {
                        try {
                            lastKnown.put(service, json.readTree(response.bodyAsString()));
                        } catch (Exception e) {
                            Log.warnf("The OpenAPI document of %s is not JSON: %s", service, e.getMessage());
                        }
                    }
                    return (Void) null;
                })
                .recover(e -> {
                    Log.debugf("The OpenAPI document of %s could not be read: %s", service, e.getMessage());
                    return Future.succeededFuture();
                });
    }
}

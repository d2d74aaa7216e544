package dev.okr.gateway;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Three stand-ins for the services, true to their HTTP contract as far as the gateway sees it: each
 * echoes what reached it (method, path, query, headers, body) and serves an OpenAPI document.
 */
public class FakeServices implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        for (String service : List.of("objectives", "kpi", "alignment")) {
            HttpServer server = vertx.createHttpServer().requestHandler(req -> {
                if (req.path().equals("/q/openapi")) {
                    req.response().putHeader("Content-Type", "application/json").end(document(service).encode());
                    return;
                }
                req.body().onSuccess(body -> {
                    JsonObject headers = new JsonObject();
                    req.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
                    req.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                            .put("service", service).put("method", req.method().name()).put("path", req.path())
                            .put("query", req.query()).put("headers", headers).put("body", body.toString()).encode());
                });
            });
            try {
                server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            config.put("gateway.upstreams." + service + ".url", "http://127.0.0.1:" + server.actualPort());
        }
        config.put("gateway.openapi-refresh", "PT0S");
        // a service that is down: nothing listens on its port
        config.put("gateway.upstreams.down.url", "http://127.0.0.1:" + closedPort());
        config.put("gateway.upstreams.down.prefixes", "/api/v1/down-service");
        config.putAll(dev.okr.testsupport.InfrastructureResource.jwtConfig());
        config.put("gateway.rate-limit.capacity", "60");
        config.put("gateway.rate-limit.per-second", "1");
        config.put("quarkus.http.cors.origins", "http://localhost:5173");
        return config;
    }

    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonObject document(String service) {
        String path = switch (service) {
            case "objectives" -> "/api/v1/cycles";
            case "kpi" -> "/api/v1/kpis";
            default -> "/api/v1/org-units";
        };
        JsonObject schema = new JsonObject().put("type", "object")
                .put("properties", new JsonObject().put("owner", new JsonObject().put("type", "string")).put("from", new JsonObject().put("const", service)));
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", service + " service").put("version", "1"))
                .put("paths", new JsonObject()
                        .put(path, new JsonObject().put("get", new JsonObject().put("summary", "list " + service)
                                .put("responses", new JsonObject().put("200", new JsonObject().put("description", "ok")
                                        .put("content", new JsonObject().put("application/json", new JsonObject()
                                                .put("schema", new JsonObject().put("$ref", "#/components/schemas/Thing"))))))))
                        .put("/q/health", new JsonObject().put("get", new JsonObject().put("summary", "internal"))))
                .put("components", new JsonObject()
                        .put("schemas", new JsonObject().put("Thing", schema)
                                .put("Problem", new JsonObject().put("type", "object")))
                        .put("securitySchemes", new JsonObject().put("SecurityScheme",
                                new JsonObject().put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT"))))
                .put("security", new JsonArray().add(new JsonObject().put("SecurityScheme", new JsonArray())));
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}

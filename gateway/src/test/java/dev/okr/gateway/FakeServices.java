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

    /** The organisation whose data the fakes serve to the composite views. */
    public static final String ORG = "0b7f3a52-8f0e-4d7e-9a51-3f1c2e9d4a10";
    public static final String OBJECTIVE = "11111111-1111-4111-8111-111111111111";
    public static final String OTHER_OBJECTIVE = "22222222-2222-4222-8222-222222222222";
    public static final String UNALIGNED = "33333333-3333-4333-8333-333333333333";
    public static final String UNIT = "44444444-4444-4444-8444-444444444444";

    private Vertx vertx;
    private final Map<String, Integer> flaky = new java.util.concurrent.ConcurrentHashMap<>();

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
                if (req.path().equals("/api/v1/kpis/slow")) {
                    // a service that takes longer than the gateway waits
                    vertx.setTimer(3000, t -> req.response().end("{}"));
                    return;
                }
                if (req.path().startsWith("/api/v1/kpis/flaky/")) {
                    // the first request on a path loses its connection; the next is answered
                    if (flaky.merge(req.path(), 1, Integer::sum) == 1) {
                        req.connection().close();
                        return;
                    }
                    req.response().putHeader("Content-Type", "application/json")
                            .end(new JsonObject().put("attempts", flaky.get(req.path())).encode());
                    return;
                }
                if (views(service, req)) {
                    return;
                }
                if ("okr_unknown".equals(req.getHeader("X-Api-Key"))) {
                    // kpi-service does not know this key
                    req.response().setStatusCode(401).putHeader("Content-Type", "application/problem+json")
                            .end(new JsonObject().put("status", 401).put("title", "Unauthenticated").encode());
                    return;
                }
                if (req.method().name().equals("POST")) {
                    // as the services do, a creation names where the new thing lives, by the service's own address
                    req.response().putHeader("Location", "http://127.0.0.1:" + req.localAddress().port() + req.path() + "/42");
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
        // one failed authentication back every ten seconds: a test that sees an address held back is not undone by a
        // slow machine taking a second between two requests
        config.put("gateway.rate-limit.failed-per-second", "0.1");
        // the tests stand behind a proxy they trust, and speak for many client addresses through X-Forwarded-For
        config.put("quarkus.http.proxy.proxy-address-forwarding", "true");
        config.put("quarkus.http.proxy.allow-x-forwarded", "true");
        config.put("quarkus.http.cors.origins", "http://localhost:5173");
        config.put("gateway.upstreams.kpi.timeout", "PT1S");
        // expiry to the second, so a test can see a token refused once it expired
        config.put("mp.jwt.verify.clock.skew", "0");
        config.put("gateway.stream.heartbeat", "PT1S");
        return config;
    }

    /** What the composite views read, as the real services answer it (for {@link #ORG} only, as the token says). */
    private static boolean views(String service, io.vertx.core.http.HttpServerRequest req) {
        String path = req.path();
        boolean read = switch (service) {
            case "objectives" -> path.startsWith("/api/v1/objectives");
            case "alignment" -> path.startsWith("/api/v1/kpi-attachments") || path.startsWith("/api/v1/alignment/objectives/")
                    || path.endsWith("/summary");
            default -> false;
        };
        if (!read) {
            return false;
        }
        var response = req.response().putHeader("Content-Type", "application/json");
        if (req.getHeader("Authorization") == null) {
            response.setStatusCode(401).putHeader("Content-Type", "application/problem+json")
                    .end(new JsonObject().put("status", 401).put("title", "Unauthenticated").encode());
            return true;
        }
        boolean ours = ORG.equals(req.getHeader("X-Okr-Organisation"));
        if (service.equals("objectives") && path.equals("/api/v1/objectives")) {
            if (req.getParam("cycleId") == null || req.getParam("cycleId").equals("bad")) {
                notFound(response);
                return true;
            }
            JsonArray items = new JsonArray();
            if (ours) {
                items.add(objective(OBJECTIVE, "Become the market leader in SaaS")).add(objective(OTHER_OBJECTIVE, "Expand reach"));
            }
            // the page's cursor echoes the query the gateway sent, so a test can see what was asked
            response.end(new JsonObject().put("items", items).put("nextCursor", req.query()).encode());
            return true;
        }
        if (service.equals("objectives")) {
            String id = path.substring("/api/v1/objectives/".length());
            if (ours && (id.equals(OBJECTIVE) || id.equals(UNALIGNED))) {
                response.end(objective(id, "An objective").encode());
            } else {
                notFound(response);
            }
            return true;
        }
        if (!ours) {
            response.end(path.startsWith("/api/v1/kpi-attachments") ? "[]" : "{}");
            return true;
        }
        if (path.startsWith("/api/v1/kpi-attachments")) {
            JsonArray kpis = new JsonArray();
            if (req.getParam("unitId") != null) {
                kpis.add(new JsonObject().put("unitId", req.getParam("unitId")).put("kpiId", "k-unit").put("status", "AT_RISK"));
            } else if (req.getParam("objectiveIds") != null) {
                kpis.add(new JsonObject().put("objectiveId", OBJECTIVE).put("kpiId", "k-leads").put("status", "ON_TRACK"))
                        .add(new JsonObject().put("objectiveId", OBJECTIVE).put("kpiId", "k-cost").put("status", "OFF_TRACK"));
            } else if (OBJECTIVE.equals(req.getParam("objectiveId"))) {
                kpis.add(new JsonObject().put("objectiveId", OBJECTIVE).put("kpiId", "k-leads").put("status", "ON_TRACK"));
            }
            response.end(kpis.encode());
            return true;
        }
        if (path.endsWith("/summary")) {
            response.end(new JsonObject().put("unitId", path.split("/")[4]).put("objectives", 2).put("cycleId", req.getParam("cycleId")).encode());
            return true;
        }
        if (path.contains(UNALIGNED)) {
            notFound(response);
            return true;
        }
        if (path.endsWith("/path")) {
            response.end(new JsonObject().put("objectiveId", OBJECTIVE).put("paths", new JsonArray().add(new JsonArray()
                    .add(new JsonObject().put("id", OBJECTIVE)).add(new JsonObject().put("id", "company")))).encode());
        } else {
            response.end(new JsonObject().put("id", OBJECTIVE).put("depth", req.getParam("depth")).put("children", new JsonArray()
                    .add(new JsonObject().put("id", "child-1").put("rollupProgress", 0.5).put("children", new JsonArray()))).encode());
        }
        return true;
    }

    private static JsonObject objective(String id, String title) {
        return new JsonObject().put("id", id).put("title", title).put("health", "ON_TRACK").put("rollupProgress", 0.4)
                .put("keyResults", new JsonArray().add(new JsonObject().put("id", "kr-1").put("progress", 0.4)));
    }

    private static void notFound(io.vertx.core.http.HttpServerResponse response) {
        response.setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject().put("type", "https://okr.dev/problems/not-found").put("title", "Not Found").put("status", 404)
                        .put("detail", "No objective in your organisation.").encode());
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

package dev.okr.gateway.views;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.okr.gateway.Problems;
import dev.okr.gateway.routing.EdgeGuard;
import dev.okr.gateway.routing.ProxyRoutes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The composite views, which save a frontend one round trip per widget:
 * {@code GET /api/v1/dashboard?cycleId=&unitId=} and {@code GET /api/v1/objectives/{id}/context}; and the audit trail,
 * {@code GET /api/v1/audit}, merged from the three services', and its retention ({@code GET|PUT /api/v1/audit/retention}). The gateway asks
 * the services in parallel with the caller's own token, so every rule of theirs (organisation, roles) holds.
 */
@ApplicationScoped
public class ViewRoutes {

    static final String DASHBOARD = "/api/v1/dashboard";
    static final String AUDIT = "/api/v1/audit";
    static final String RETENTION = "/api/v1/audit/retention";
    /** The services that keep an audit trail: all three. */
    static final List<String> AUDITED = List.of("objectives", "kpi", "alignment");
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    /** How many KPIs a dashboard as of a moment asks kpi-service for at once. */
    static final int KPIS_AT_ONCE = 16;

    private final EdgeGuard guard;
    private final Upstreams upstreams;

    public ViewRoutes(EdgeGuard guard, Upstreams upstreams) {
        this.guard = guard;
        this.upstreams = upstreams;
    }

    void register(@Observes Router router) {
        router.get(DASHBOARD).order(ProxyRoutes.ORDER - 1).handler(this::dashboard);
        router.getWithRegex("/api/v1/objectives/([^/]+)/context").order(ProxyRoutes.ORDER - 1).handler(this::context);
        router.get(AUDIT).order(ProxyRoutes.ORDER - 1).handler(this::audit);
        router.get(RETENTION).order(ProxyRoutes.ORDER - 1).handler(this::retention);
        router.put(RETENTION).order(ProxyRoutes.ORDER - 1).handler(this::setRetention);
    }

    /** How long the organisation's audit entries are kept: as each service keeps its own ({@link Composition#retention}). */
    private void retention(RoutingContext rc) {
        if (guard.admit(rc) == null) {
            return;
        }
        List<Future<Object>> settings = AUDITED.stream().map(service -> upstreams.get(service, RETENTION, rc)).toList();
        Future.all(settings).onSuccess(all -> ok(rc, Composition.retention(AUDITED, settings.stream().map(f -> (JsonObject) f.result()).toList())))
                .onFailure(failure -> fail(rc, settings.stream().filter(Future::failed).findFirst().map(Future::cause).orElse(failure)));
    }

    /**
     * Sets the retention in every service: first in objectives-service, which checks the request and the caller (its
     * refusal is the answer, and nothing changed), then in the other two. The request is idempotent: when one of those
     * fails, the answer says so and the same request again completes it.
     */
    private void setRetention(RoutingContext rc) {
        if (guard.admit(rc) == null) {
            return;
        }
        guard.readChunkedBody(rc, body -> upstreams.put(AUDITED.get(0), RETENTION, body, rc).onSuccess(first -> {
            List<String> others = AUDITED.subList(1, AUDITED.size());
            List<Future<Object>> rest = others.stream().map(service -> upstreams.put(service, RETENTION, body, rc)).toList();
            Future.join(rest).onComplete(done -> {
                List<String> failed = new ArrayList<>();
                for (int i = 0; i < rest.size(); i++) {
                    if (rest.get(i).failed()) {
                        failed.add(others.get(i));
                    }
                }
                if (!failed.isEmpty()) {
                    rc.response().putHeader(EdgeGuard.REQUEST_ID, EdgeGuard.requestId(rc));
                    Problems.send(rc.response(), 502, "bad-gateway", "Bad Gateway", "The retention was set in " + AUDITED.get(0)
                            + " but not yet in " + String.join(" and ", failed) + "-service: send the same request again.",
                            rc.request().path());
                    return;
                }
                List<JsonObject> all = new ArrayList<>();
                all.add((JsonObject) first);
                rest.forEach(f -> all.add((JsonObject) f.result()));
                ok(rc, Composition.retention(AUDITED, all));
            });
        }).onFailure(failure -> fail(rc, failure)));
    }

    /**
     * The audit trail: each service keeps the entries of the changes made to it; the gateway asks the three for the same
     * page and merges them ({@link Composition#audit}). The services check the query and who may read what.
     */
    private void audit(RoutingContext rc) {
        if (guard.admit(rc) == null) {
            return;
        }
        String limitText = rc.request().getParam("limit");
        int limit = DEFAULT_LIMIT;
        if (limitText != null && !limitText.isBlank()) {
            try {
                limit = Integer.parseInt(limitText.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                invalid(rc, "limit", "The query parameter 'limit' takes a whole number from 1 to " + MAX_LIMIT + ".");
                return;
            }
        }
        StringBuilder query = new StringBuilder(AUDIT).append("?limit=").append(limit);
        for (String passed : new String[] {"resourceId", "actor", "from", "to", "cursor"}) {
            String value = rc.request().getParam(passed);
            if (value != null) {
                query.append('&').append(passed).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        List<Future<Object>> pages = AUDITED.stream().map(service -> upstreams.get(service, query.toString(), rc)).toList();
        int kept = limit;
        Future.all(pages).onSuccess(all -> ok(rc, Composition.audit(pages.stream().map(p -> (JsonObject) p.result()).toList(), kept)))
                .onFailure(failure -> fail(rc, pages.stream().filter(Future::failed).findFirst().map(Future::cause).orElse(failure)));
    }

    private void dashboard(RoutingContext rc) {
        if (guard.admit(rc) == null) {
            return;
        }
        String cycleId = rc.request().getParam("cycleId");
        String unitId = rc.request().getParam("unitId");
        if (cycleId == null || cycleId.isBlank()) {
            invalid(rc, "cycleId", "Give the cycle to show: ?cycleId=<id>.");
            return;
        }
        if (!isUuid(cycleId) || (unitId != null && !unitId.isBlank() && !isUuid(unitId))) {
            invalid(rc, isUuid(cycleId) ? "unitId" : "cycleId", "The query parameter '" + (isUuid(cycleId) ? "unitId" : "cycleId")
                    + "' takes an id (a UUID).");
            return;
        }
        boolean forUnit = unitId != null && !unitId.isBlank();
        StringBuilder query = new StringBuilder("/api/v1/objectives?cycleId=").append(cycleId);
        if (forUnit) {
            // the unit's objectives, its sub-units' and their people's (unless includeDescendants=false), as its summary counts them
            query.append("&unitId=").append(unitId);
        }
        for (String passed : new String[] {"status", "health", "limit", "cursor", "includeDescendants", "asOf"}) {
            String value = rc.request().getParam(passed);
            if (value != null) {
                query.append('&').append(passed).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        String asOf = rc.request().getParam("asOf");
        boolean past = asOf != null && !asOf.isBlank();
        String then = past ? "&asOf=" + URLEncoder.encode(asOf, StandardCharsets.UTF_8) : "";
        Future<Object> objectives = upstreams.get("objectives", query.toString(), rc);
        Future<Object> summary = forUnit ? upstreams.get("alignment", "/api/v1/org-units/" + unitId + "/summary?cycleId=" + cycleId + then, rc)
                : Future.succeededFuture(null);
        Future<Object> unitKpis = forUnit ? upstreams.get("alignment", "/api/v1/kpi-attachments?unitId=" + unitId, rc)
                : Future.succeededFuture(new JsonArray());
        Future<Object> objectiveKpis = objectives.compose(page -> {
            String ids = Composition.objectiveIds((JsonObject) page);
            return ids.isEmpty() ? Future.succeededFuture(new JsonArray())
                    : upstreams.get("alignment", "/api/v1/kpi-attachments?objectiveIds=" + ids, rc);
        });
        Future.all(objectives, summary, unitKpis, objectiveKpis)
                .compose(all -> {
                    JsonObject dashboard = Composition.dashboard(cycleId, forUnit ? unitId : null, (JsonObject) objectives.result(),
                            (JsonArray) objectiveKpis.result(), (JsonObject) summary.result(), (JsonArray) unitKpis.result());
                    return past ? kpisAsOf(dashboard, asOf, rc) : Future.succeededFuture(dashboard);
                })
                .onSuccess(dashboard -> ok(rc, dashboard.put("asOf", past ? asOf : null)))
                .onFailure(failure -> fail(rc, failure));
    }

    /**
     * The dashboard's KPIs as they stood at {@code asOf}: each one's value and status then, from kpi-service
     * ({@code GET /api/v1/kpis/{id}?asOf=}); a KPI that had none then (not yet created, or a moment before its
     * current time frame) shows no value.
     */
    private Future<JsonObject> kpisAsOf(JsonObject dashboard, String asOf, RoutingContext rc) {
        List<String> ids = Composition.kpiIds(dashboard);
        Map<String, JsonObject> byId = new HashMap<>();
        return kpisAsOf(ids, 0, "?asOf=" + URLEncoder.encode(asOf, StandardCharsets.UTF_8), byId, rc)
                .map(done -> Composition.withKpisAsOf(dashboard, byId));
    }

    /** The KPIs from {@code from} on, {@value #KPIS_AT_ONCE} at a time, so that one dashboard does not flood kpi-service. */
    private Future<Void> kpisAsOf(List<String> ids, int from, String then, Map<String, JsonObject> byId, RoutingContext rc) {
        if (from >= ids.size()) {
            return Future.succeededFuture();
        }
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + KPIS_AT_ONCE));
        // a KPI that has no value then (created later, or a moment before its current time frame) answers 404 or 400
        List<Future<Object>> states = chunk.stream().map(id -> unknownAsNull(upstreams.get("kpi", "/api/v1/kpis/" + id + then, rc)
                .recover(failure -> failure instanceof Upstreams.UpstreamProblem p && p.status() == 400
                        ? Future.succeededFuture(null) : Future.failedFuture(failure)))).toList();
        return Future.all(states).compose(all -> {
            for (int i = 0; i < chunk.size(); i++) {
                byId.put(chunk.get(i), (JsonObject) states.get(i).result());
            }
            return kpisAsOf(ids, from + KPIS_AT_ONCE, then, byId, rc);
        });
    }

    private void context(RoutingContext rc) {
        if (guard.admit(rc) == null) {
            return;
        }
        String id = rc.pathParam("param0");
        if (!isUuid(id)) {
            // an id that cannot exist: the same answer as for another organisation's objective
            rc.response().putHeader(EdgeGuard.REQUEST_ID, EdgeGuard.requestId(rc));
            Problems.send(rc.response(), 404, "not-found", "Not Found", "No objective " + shorten(id) + " in your organisation.",
                    rc.request().path());
            return;
        }
        Future<Object> objective = upstreams.get("objectives", "/api/v1/objectives/" + id, rc);
        Future<Object> paths = unknownAsNull(upstreams.get("alignment", "/api/v1/alignment/objectives/" + id + "/path", rc));
        Future<Object> tree = unknownAsNull(upstreams.get("alignment", "/api/v1/alignment/objectives/" + id + "/tree?depth=1", rc));
        Future<Object> kpis = upstreams.get("alignment", "/api/v1/kpi-attachments?objectiveId=" + id, rc);
        Future.all(objective, paths, tree, kpis)
                .onSuccess(all -> ok(rc, Composition.context((JsonObject) objective.result(), (JsonObject) paths.result(),
                        (JsonObject) tree.result(), (JsonArray) kpis.result())))
                .onFailure(failure -> fail(rc, objective.failed() ? objective.cause() : failure));
    }

    /** alignment-service learns of an objective from its event, a moment after it is created: not known yet is not an error. */
    private static Future<Object> unknownAsNull(Future<Object> answer) {
        return answer.recover(failure -> failure instanceof Upstreams.UpstreamProblem p && p.status() == 404
                ? Future.succeededFuture(null) : Future.failedFuture(failure));
    }

    private static void ok(RoutingContext rc, JsonObject body) {
        rc.response().putHeader(EdgeGuard.REQUEST_ID, EdgeGuard.requestId(rc)).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store").end(body.encode());
    }

    private static void fail(RoutingContext rc, Throwable failure) {
        rc.response().putHeader(EdgeGuard.REQUEST_ID, EdgeGuard.requestId(rc));
        if (failure instanceof Upstreams.UpstreamProblem problem) {
            rc.response().setStatusCode(problem.status()).putHeader("Content-Type", Problems.MEDIA_TYPE).end(problem.body());
        } else {
            Problems.send(rc.response(), 502, "bad-gateway", "Bad Gateway", "A service did not answer properly; try again shortly.",
                    rc.request().path());
        }
    }

    private static void invalid(RoutingContext rc, String field, String detail) {
        rc.response().putHeader(EdgeGuard.REQUEST_ID, EdgeGuard.requestId(rc)).setStatusCode(400)
                .putHeader("Content-Type", Problems.MEDIA_TYPE)
                .end(new JsonObject(Problems.json(400, "invalid-request", "Invalid Request", detail, rc.request().path()))
                        .put("errors", new JsonArray().add(new JsonObject().put("field", field).put("message", detail))).encode());
    }

    private static boolean isUuid(String text) {
        try {
            UUID.fromString(text);
            return text.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String shorten(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}

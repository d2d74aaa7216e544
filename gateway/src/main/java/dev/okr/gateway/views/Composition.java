package dev.okr.gateway.views;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** How the composite views are put together from the services' answers (plain JSON in, plain JSON out). */
public final class Composition {

    private Composition() {
    }

    /**
     * The dashboard: a page of objectives (from objectives-service, with key results, health and roll-up), each with
     * the KPIs attached to it (alignment-service), and for a unit its summary and the KPIs attached to the unit.
     */
    public static JsonObject dashboard(String cycleId, String unitId, JsonObject objectivesPage, JsonArray objectiveKpis,
            JsonObject unitSummary, JsonArray unitKpis) {
        Map<String, JsonArray> kpisByObjective = new HashMap<>();
        for (Object item : objectiveKpis) {
            if (item instanceof JsonObject kpi && kpi.getString("objectiveId") != null) {
                kpisByObjective.computeIfAbsent(kpi.getString("objectiveId"), k -> new JsonArray()).add(kpi);
            }
        }
        JsonArray objectives = new JsonArray();
        for (Object item : items(objectivesPage)) {
            if (item instanceof JsonObject objective) {
                objectives.add(objective.copy().put("kpis", kpisByObjective.getOrDefault(objective.getString("id"), new JsonArray())));
            }
        }
        return new JsonObject()
                .put("cycleId", cycleId)
                .put("unitId", unitId)
                .put("unit", unitSummary)
                .put("unitKpis", unitKpis == null ? new JsonArray() : unitKpis)
                .put("objectives", objectives)
                .put("nextCursor", objectivesPage.getString("nextCursor"));
    }

    /** The distinct ids of the KPIs a dashboard shows: the unit's, its summary's and its objectives'. */
    public static List<String> kpiIds(JsonObject dashboard) {
        Set<String> ids = new LinkedHashSet<>();
        attachedKpis(dashboard).forEach(kpi -> {
            if (kpi.getString("kpiId") != null) {
                ids.add(kpi.getString("kpiId"));
            }
        });
        return new ArrayList<>(ids);
    }

    /**
     * The dashboard with each attached KPI's value and status as {@code then} holds them (a KPI's answer as of a moment;
     * null: it had none then, shown as no value, NO_DATA).
     */
    public static JsonObject withKpisAsOf(JsonObject dashboard, Map<String, JsonObject> then) {
        JsonObject past = dashboard.copy();
        attachedKpis(past).forEach(kpi -> {
            JsonObject state = then.get(kpi.getString("kpiId"));
            kpi.put("currentValue", state == null ? null : state.getValue("currentValue"))
                    .put("status", state == null ? "NO_DATA" : state.getString("status"));
        });
        return past;
    }

    private static List<JsonObject> attachedKpis(JsonObject dashboard) {
        List<JsonObject> kpis = new ArrayList<>();
        List<JsonArray> lists = new ArrayList<>();
        lists.add(dashboard.getJsonArray("unitKpis"));
        JsonObject unit = dashboard.getJsonObject("unit");
        if (unit != null) {
            lists.add(unit.getJsonArray("kpis"));
        }
        for (Object o : dashboard.getJsonArray("objectives", new JsonArray())) {
            if (o instanceof JsonObject objective) {
                lists.add(objective.getJsonArray("kpis"));
            }
        }
        for (JsonArray list : lists) {
            if (list != null) {
                list.forEach(item -> {
                    if (item instanceof JsonObject kpi) {
                        kpis.add(kpi);
                    }
                });
            }
        }
        return kpis;
    }

    /** The ids of a page's objectives, comma-separated (for one call to the attachments). */
    public static String objectiveIds(JsonObject objectivesPage) {
        StringBuilder ids = new StringBuilder();
        for (Object item : items(objectivesPage)) {
            if (item instanceof JsonObject objective && objective.getString("id") != null) {
                ids.append(ids.isEmpty() ? "" : ",").append(objective.getString("id"));
            }
        }
        return ids.toString();
    }

    /**
     * An objective in context: the objective, every path from it up to a company objective, the objectives aligned
     * directly under it, and the KPIs attached to it. {@code tree} and {@code paths} are null when alignment-service
     * has not heard of the objective yet (its event is on the way): no paths and no children, said so by
     * {@code alignmentKnown: false}.
     */
    public static JsonObject context(JsonObject objective, JsonObject paths, JsonObject tree, JsonArray kpis) {
        JsonArray children = new JsonArray();
        if (tree != null && tree.getJsonArray("children") != null) {
            for (Object child : tree.getJsonArray("children")) {
                if (child instanceof JsonObject c) {
                    // their own children are not shown here (null), which is not the same as having none ([])
                    children.add(c.copy().putNull("children"));
                }
            }
        }
        return new JsonObject()
                .put("objective", objective)
                .put("alignmentKnown", paths != null)
                .put("paths", paths == null || paths.getJsonArray("paths") == null ? new JsonArray() : paths.getJsonArray("paths"))
                .put("children", children)
                .put("kpis", kpis == null ? new JsonArray() : kpis);
    }

    private static JsonArray items(JsonObject page) {
        JsonArray items = page.getJsonArray("items");
        return items == null ? new JsonArray() : items;
    }

    /**
     * The audit trail as one list: the services' pages (each newest first by time, then id, from the same position)
     * merged in that order, the first {@code limit} kept. More follow when a service had more or more were merged than
     * kept; the next page starts after the last one kept (every service reads the same cursor), so nothing is shown twice
     * or skipped. The services' per-entry cursors stay here.
     */
    public static JsonObject audit(List<JsonObject> pages, int limit) {
        List<JsonObject> all = new ArrayList<>();
        boolean more = false;
        for (JsonObject page : pages) {
            items(page).forEach(item -> all.add((JsonObject) item));
            more |= page.getString("nextCursor") != null;
        }
        all.sort(Comparator.comparing((JsonObject e) -> Instant.parse(e.getString("at")))
                .thenComparing(e -> e.getString("id").toLowerCase(Locale.ROOT)).reversed());
        more |= all.size() > limit;
        List<JsonObject> kept = all.subList(0, Math.min(limit, all.size()));
        String next = more && !kept.isEmpty() ? kept.get(kept.size() - 1).getString("cursor") : null;
        JsonArray items = new JsonArray();
        kept.forEach(e -> {
            JsonObject copy = e.copy();
            copy.remove("cursor");
            items.add(copy);
        });
        return new JsonObject().put("items", items).put("nextCursor", next);
    }

    /**
     * The audit trail's retention, from each service's setting ({@code days}, {@code isDefault}): in force, the shortest
     * (what bounds the trail), and per service: they differ after a change that did not reach every service, or after two
     * admins' changes crossed (each service keeps the last it received).
     */
    public static JsonObject retention(List<String> services, List<JsonObject> settings) {
        JsonObject byService = new JsonObject();
        int days = Integer.MAX_VALUE;
        boolean isDefault = true;
        for (int i = 0; i < services.size(); i++) {
            JsonObject setting = settings.get(i);
            byService.put(services.get(i), setting.getInteger("days"));
            days = Math.min(days, setting.getInteger("days"));
            isDefault &= setting.getBoolean("isDefault", false);
        }
        return new JsonObject().put("days", days).put("isDefault", isDefault).put("byService", byService);
    }
}

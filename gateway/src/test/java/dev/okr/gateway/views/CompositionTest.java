package dev.okr.gateway.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

class CompositionTest {

    @Test
    void shouldGiveEachObjectiveItsOwnKpis() {
        JsonObject page = new JsonObject().put("items", new JsonArray().add(new JsonObject().put("id", "o1")).add(new JsonObject().put("id", "o2")))
                .put("nextCursor", "c");
        JsonArray kpis = new JsonArray().add(new JsonObject().put("objectiveId", "o2").put("kpiId", "k1"))
                .add(new JsonObject().put("objectiveId", "o2").put("kpiId", "k2"));
        JsonObject dashboard = Composition.dashboard("cy", null, page, kpis, null, null);
        assertEquals(0, dashboard.getJsonArray("objectives").getJsonObject(0).getJsonArray("kpis").size());
        assertEquals(2, dashboard.getJsonArray("objectives").getJsonObject(1).getJsonArray("kpis").size());
        assertEquals("c", dashboard.getString("nextCursor"));
        assertEquals(new JsonArray(), dashboard.getJsonArray("unitKpis"));
        assertEquals("o1,o2", Composition.objectiveIds(page));
        assertEquals("", Composition.objectiveIds(new JsonObject()));
    }

    @Test
    void shouldKeepOnlyTheDirectChildrenInAContext() {
        JsonObject tree = new JsonObject().put("id", "o").put("children", new JsonArray()
                .add(new JsonObject().put("id", "c1").put("children", new JsonArray().add(new JsonObject().put("id", "g")))));
        JsonObject context = Composition.context(new JsonObject().put("id", "o"), new JsonObject().put("paths", new JsonArray()), tree, null);
        assertEquals(1, context.getJsonArray("children").size());
        assertTrue(context.getJsonArray("children").getJsonObject(0).containsKey("children"));
        assertNull(context.getJsonArray("children").getJsonObject(0).getValue("children"), "not shown here: null, not the grandchild");
        assertEquals(true, context.getBoolean("alignmentKnown"));
        JsonObject unknown = Composition.context(new JsonObject().put("id", "o"), null, null, new JsonArray());
        assertEquals(false, unknown.getBoolean("alignmentKnown"));
        assertEquals(0, unknown.getJsonArray("paths").size());
    }

    private static JsonObject entry(String id, String at, String service) {
        return new JsonObject().put("id", id).put("at", at).put("service", service).put("cursor", "after-" + id);
    }

    @Test
    void shouldMergeTheServicesAuditTrailsNewestFirstAndPageFromTheLastKept() {
        // objectives has more than it sent; the merged page keeps three: the next starts after the third
        JsonObject objectives = new JsonObject().put("items", new JsonArray().add(entry("a", "2026-12-02T10:00:00.5Z", "objectives-service"))
                .add(entry("b", "2026-12-02T09:00:00Z", "objectives-service"))).put("nextCursor", "after-b");
        JsonObject kpi = new JsonObject().put("items", new JsonArray().add(entry("c", "2026-12-02T10:00:00.25Z", "kpi-service"))
                .add(entry("d", "2026-12-02T09:30:00Z", "kpi-service"))).putNull("nextCursor");
        // the same instant as a: the greater id first
        JsonObject alignment = new JsonObject().put("items", new JsonArray().add(entry("f", "2026-12-02T10:00:00.500Z", "alignment-service")))
                .putNull("nextCursor");
        JsonObject page = Composition.audit(List.of(objectives, kpi, alignment), 3);
        JsonArray items = page.getJsonArray("items");
        assertEquals(List.of("f", "a", "c"), items.stream().map(e -> ((JsonObject) e).getString("id")).toList());
        assertEquals("after-c", page.getString("nextCursor"));
        assertTrue(items.stream().noneMatch(e -> ((JsonObject) e).containsKey("cursor")), "the services' cursors stay in the gateway");

        // all of it fits and no service has more: the last page
        JsonObject last = Composition.audit(List.of(kpi, alignment), 5);
        assertEquals(3, last.getJsonArray("items").size());
        assertNull(last.getString("nextCursor"));
        assertEquals(0, Composition.audit(List.of(new JsonObject().put("items", new JsonArray()).putNull("nextCursor")), 5)
                .getJsonArray("items").size());
    }

    @Test
    void shouldAnswerTheShortestRetentionInForceAndEachServices() {
        JsonObject set = new JsonObject().put("days", 90).put("isDefault", false);
        JsonObject unset = new JsonObject().put("days", 400).put("isDefault", true);
        assertEquals(new JsonObject().put("days", 90).put("isDefault", false)
                .put("byService", new JsonObject().put("objectives", 90).put("kpi", 400).put("alignment", 90)),
                Composition.retention(List.of("objectives", "kpi", "alignment"), List.of(set, unset, set)));
        assertEquals(new JsonObject().put("days", 400).put("isDefault", true)
                .put("byService", new JsonObject().put("objectives", 400).put("kpi", 400)),
                Composition.retention(List.of("objectives", "kpi"), List.of(unset, unset)));
    }

    @Test
    void shouldShowEachKpiAsItStoodThen() {
        JsonObject leads = new JsonObject().put("kpiId", "k1").put("currentValue", 40.0).put("status", "ON_TRACK");
        JsonObject churn = new JsonObject().put("kpiId", "k2").put("currentValue", 2.0).put("status", "AT_RISK");
        JsonObject page = new JsonObject().put("items", new JsonArray().add(new JsonObject().put("id", "o1"))).putNull("nextCursor");
        JsonObject summary = new JsonObject().put("kpis", new JsonArray().add(leads.copy()));
        JsonObject dashboard = Composition.dashboard("cy", "u", page,
                new JsonArray().add(churn.copy().put("objectiveId", "o1")).add(leads.copy().put("objectiveId", "o1")), summary,
                new JsonArray().add(leads.copy()));
        assertEquals(List.of("k1", "k2"), Composition.kpiIds(dashboard));

        JsonObject then = Composition.withKpisAsOf(dashboard, Map.of("k1", new JsonObject().put("currentValue", 12.0).put("status", "OFF_TRACK")));
        assertEquals(12.0, then.getJsonArray("unitKpis").getJsonObject(0).getDouble("currentValue"));
        assertEquals("OFF_TRACK", then.getJsonObject("unit").getJsonArray("kpis").getJsonObject(0).getString("status"));
        JsonObject objectiveChurn = then.getJsonArray("objectives").getJsonObject(0).getJsonArray("kpis").getJsonObject(0);
        // a KPI that had no answer then: no value
        assertNull(objectiveChurn.getValue("currentValue"));
        assertEquals("NO_DATA", objectiveChurn.getString("status"));
        // the dashboard as it is now is left as it was
        assertEquals(40.0, dashboard.getJsonArray("unitKpis").getJsonObject(0).getDouble("currentValue"));
    }
}

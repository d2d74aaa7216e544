package dev.okr.gateway.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}

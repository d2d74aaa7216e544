package dev.okr.gateway.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.okr.gateway.routing.RouteTable;

class OpenApiMergerTest {

    private final ObjectMapper json = new ObjectMapper();
    private final RouteTable routes = new RouteTable(Map.of(
            "objectives", List.of("/api/v1/cycles"), "kpi", List.of("/api/v1/kpis")));

    private JsonNode doc(String path, JsonNode thing) throws Exception {
        return json.readTree("""
                {"openapi":"3.1.0","info":{"title":"t","version":"1"},
                 "paths":{"%s":{"get":{"responses":{"200":{"description":"ok","content":{"application/json":
                   {"schema":{"$ref":"#/components/schemas/Thing"}}}}}}},
                   "/q/health":{"get":{}}},
                 "components":{"schemas":{"Thing":%s,"Problem":{"type":"object"}},
                   "securitySchemes":{"jwt":{"type":"http","scheme":"bearer"}}}}""".formatted(path, thing));
    }

    private ObjectNode merge(JsonNode objectivesThing, JsonNode kpiThing) throws Exception {
        Map<String, JsonNode> docs = new LinkedHashMap<>();
        docs.put("kpi", doc("/api/v1/kpis", kpiThing));
        docs.put("objectives", doc("/api/v1/cycles", objectivesThing));
        return new OpenApiMerger(json, routes).merge(docs, "All", "9");
    }

    @Test
    void shouldKeepEachServicesPublicPathsOnly() throws Exception {
        ObjectNode merged = merge(json.readTree("{\"type\":\"object\"}"), json.readTree("{\"type\":\"object\"}"));
        assertTrue(merged.path("paths").has("/api/v1/kpis"));
        assertTrue(merged.path("paths").has("/api/v1/cycles"));
        assertFalse(merged.path("paths").has("/q/health"));
        assertEquals("kpi", merged.at("/paths/~1api~1v1~1kpis/get/tags/0").asText());
        assertEquals("All", merged.at("/info/title").asText());
    }

    @Test
    void shouldMergeIdenticalComponentsOnce() throws Exception {
        ObjectNode merged = merge(json.readTree("{\"type\":\"object\"}"), json.readTree("{\"type\":\"object\"}"));
        assertEquals(List.of("Thing", "Problem"), fieldNames(merged.at("/components/schemas")));
        assertEquals("#/components/schemas/Thing",
                merged.at("/paths/~1api~1v1~1cycles/get/responses/200/content/application~1json/schema/$ref").asText());
        assertTrue(merged.at("/components/securitySchemes").has("jwt"));
    }

    @Test
    void shouldRenameClashingComponentsAndTheirReferences() throws Exception {
        ObjectNode merged = merge(json.readTree("{\"type\":\"string\"}"), json.readTree("{\"type\":\"integer\"}"));
        JsonNode schemas = merged.at("/components/schemas");
        assertFalse(schemas.has("Thing"));
        assertEquals("string", schemas.at("/Objectives_Thing/type").asText());
        assertEquals("integer", schemas.at("/Kpi_Thing/type").asText());
        assertEquals("#/components/schemas/Objectives_Thing",
                merged.at("/paths/~1api~1v1~1cycles/get/responses/200/content/application~1json/schema/$ref").asText());
        assertEquals("#/components/schemas/Kpi_Thing",
                merged.at("/paths/~1api~1v1~1kpis/get/responses/200/content/application~1json/schema/$ref").asText());
        assertTrue(schemas.has("Problem"), "identical components stay shared");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

package dev.okr.gateway.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.okr.gateway.routing.RouteTable;

/**
 * Merges the documents the three services wrote when they were built (earlier in the same build) with the gateway's
 * own part, as the gateway does at run time, and writes the result to {@code target/openapi/merged.json}, which the
 * build then lints with Redocly's CLI. Every path in it must be one the gateway routes, and every {@code $ref} must
 * resolve.
 */
class MergedDocumentTest {

    private static final List<String> SERVICES = List.of("alignment", "kpi", "objectives");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldMergeTheServicesDocumentsIntoOneWhosePathsAllRoute() throws Exception {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        for (String service : SERVICES) {
            Path stored = Path.of("..", service + "-service", "target", "openapi", "openapi.json");
            Assumptions.assumeTrue(Files.exists(stored), "The services are built before the gateway in the full build; "
                    + stored + " is missing (was the gateway built alone?)");
            documents.put(service, json.readTree(stored.toFile()));
        }
        JsonNode own = OpenApiMerger.ownDocument();
        documents.put(OpenApiMerger.OWN, own);
        RouteTable routes = routesAsConfigured();
        ObjectNode merged = new OpenApiMerger(json, routes).merge(documents, "OKR and KPI platform", "0.1.0");
        Path out = Path.of("target", "openapi", "merged.json");
        Files.createDirectories(out.getParent());
        json.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), merged);

        List<String> unrouted = new ArrayList<>();
        merged.path("paths").fieldNames().forEachRemaining(path -> {
            if (!own.path("paths").has(path) && routes.serviceFor(path.replaceAll("\\{[^}]+}", "x")).isEmpty()) {
                unrouted.add(path);
            }
        });
        assertEquals(List.of(), unrouted, "paths the gateway would not route");
        for (String expected : List.of("/api/v1/cycles", "/api/v1/objectives/{id}", "/api/v1/key-results/{id}/check-ins",
                "/api/v1/kpis", "/api/v1/measurements:batch", "/api/v1/org-units", "/api/v1/alignment/objectives/{id}/path",
                "/api/v1/kpi-attachments", "/api/v1/stream", "/api/v1/dashboard", "/api/v1/objectives/{id}/context",
                "/api/v1/people/{id}", "/api/v1/me/check-ins/due", "/api/v1/org-units/{id}/check-ins/due", "/api/v1/cycles/{id}/roll-over",
                "/api/v1/objectives/{id}/history", "/api/v1/key-results/{id}/history",
                "/api/v1/cycles/{id}/report", "/api/v1/audit", "/api/v1/audit/retention")) {
            assertTrue(merged.path("paths").has(expected), "the merged document describes " + expected);
        }
        merged.path("paths").fieldNames().forEachRemaining(path -> assertTrue(path.startsWith("/api/v1/"), path));
        List<String> dangling = new ArrayList<>();
        refs(merged, merged, dangling);
        assertEquals(List.of(), dangling, "$refs that point nowhere");
        // every field of an answer is there: each property of each schema an answer uses is required (nullable where
        // it may be null); only the problem keeps RFC 9457's optional members
        Set<String> answered = new TreeSet<>();
        merged.path("paths").elements().forEachRemaining(item -> item.elements().forEachRemaining(op ->
                op.path("responses").elements().forEachRemaining(r -> reachable(merged, r, answered))));
        List<String> optionalInAnswers = new ArrayList<>();
        for (String name : answered) {
            JsonNode schema = merged.at("/components/schemas/" + name);
            Set<String> required = new TreeSet<>();
            schema.path("required").forEach(r -> required.add(r.asText()));
            schema.path("properties").fieldNames().forEachRemaining(property -> {
                if (!required.contains(property) && !name.equals("Problem")) {
                    optionalInAnswers.add(name + "." + property);
                }
            });
        }
        assertEquals(List.of(), optionalInAnswers, "answer fields the document leaves optional");
        // every tag an operation uses is declared, with a description, and only those
        Set<String> used = new TreeSet<>();
        merged.path("paths").elements().forEachRemaining(item -> item.elements().forEachRemaining(op -> op.path("tags")
                .forEach(t -> used.add(t.asText()))));
        assertEquals(used, new TreeSet<>(tagNames(merged)));
        assertEquals(Set.of("alignment", "kpi-attachments", "org-units", "integrations", "kpis", "measurements", "cycles",
                "key-results", "objectives", "settings", "gateway", "people"), used);
        merged.path("tags").forEach(t -> assertFalse(t.path("description").asText("").isBlank(), t.toString()));
        // operation ids a client can read: unique, and none the scanner made up from a class name
        Set<String> ids = new TreeSet<>();
        merged.path("paths").elements().forEachRemaining(item -> item.elements().forEachRemaining(op -> {
            String id = op.path("operationId").asText("");
            assertTrue(id.matches("[a-z][A-Za-z]+"), "readable operation id: " + id);
            assertTrue(ids.add(id), "unique operation id: " + id);
            // the gateway's own answers: a 429 with Retry-After on every operation, X-Request-Id on every answer
            assertTrue(op.at("/responses/429/headers/Retry-After").isObject(), id + " documents its 429");
            op.path("responses").forEach(r -> assertTrue(r.has("$ref") || r.at("/headers/X-Request-Id").isObject(),
                    id + " documents X-Request-Id"));
        }));
        // enums are named for what they are, never Status1 or Type
        for (String name : List.of("ObjectiveStatus", "CycleStatus", "KeyResultType", "ObjectiveKind", "CyclePhase", "OwnerType",
                "Health", "KpiStatus")) {
            assertTrue(merged.at("/components/schemas/" + name + "/enum").isArray(), name);
        }
        merged.path("components").path("schemas").fieldNames().forEachRemaining(name -> {
            assertFalse(name.matches("(Status|Type|Kind|Phase)\\d*"), "a schema named only " + name);
            // a service that names another's values (alignment: a KPI's status, an objective's health) names them alike
            assertFalse(name.matches("(Objectives|Kpi|Alignment|Gateway)_.*"), "two services define " + name + " differently");
        });
    }

    private static RouteTable routesAsConfigured() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = MergedDocumentTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        Map<String, List<String>> prefixes = new HashMap<>();
        for (String service : SERVICES) {
            prefixes.put(service, Arrays.asList(properties.getProperty("gateway.upstreams." + service + ".prefixes").split(",")));
        }
        return new RouteTable(prefixes);
    }

    private static void refs(JsonNode root, JsonNode node, List<String> dangling) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                String pointer = ref.asText().startsWith("#") ? ref.asText().substring(1) : null;
                if (pointer == null || root.at(pointer).isMissingNode()) {
                    dangling.add(ref.asText());
                }
            }
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
            refs(root, it.next(), dangling);
        }
    }

    /** The component schemas a part of the document uses, directly or through others (responses' $refs followed too). */
    private static void reachable(JsonNode root, JsonNode node, Set<String> names) {
        JsonNode ref = node.isObject() ? node.get("$ref") : null;
        if (ref != null && ref.isTextual()) {
            String target = ref.asText();
            if (target.startsWith("#/components/schemas/")) {
                if (!names.add(target.substring("#/components/schemas/".length()))) {
                    return;
                }
            }
            reachable(root, root.at(target.substring(1)), names);
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
            reachable(root, it.next(), names);
        }
    }

    private static List<String> tagNames(JsonNode merged) {
        List<String> names = new ArrayList<>();
        merged.path("tags").forEach(t -> names.add(t.path("name").asText()));
        return names;
    }
}

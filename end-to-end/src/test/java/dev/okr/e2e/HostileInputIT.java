package dev.okr.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.okr.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every operation of the merged OpenAPI document, through the gateway, fed what a careless or hostile client sends
 * — malformed JSON, wrong types, missing and unknown fields, huge numbers, NaN, impossible dates, SQL- and
 * script-looking strings, oversized bodies, garbage ids — and called by another organisation with this one's ids.
 * Every answer is a 4xx problem+json, never a 5xx; another organisation gets 404s and sees nothing in its lists.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class HostileInputIT {

    private static final String ORG = UUID.randomUUID().toString();
    private static final String OTHER = UUID.randomUUID().toString();
    private static final String HOSTILE = "'; DROP TABLE objective; -- <script>alert(1)</script> ${jndi:ldap://x} ../../etc/passwd";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode document;
    private static final Map<String, String> IDS = new LinkedHashMap<>();
    private static String apiKey;

    @BeforeAll
    static void anOrganisationWithOneOfEverything() throws Exception {
        Platform platform = SharedPlatform.get();
        RestAssured.baseURI = platform.gateway();
        RestAssured.port = platform.port("gateway");
        document = JSON.readTree(RestAssured.given().queryParam("format", "json").get("/q/openapi").asString());
        String admin = TestTokens.admin(ORG);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String start = today.minusDays(10).toString();
        String end = today.plusDays(80).toString();
        IDS.put("unit", as(admin).body(Map.of("name", "Acme", "type", "COMPANY")).post("/api/v1/org-units").then().statusCode(201)
                .extract().path("id"));
        IDS.put("kpi", as(admin).body(Map.of("key", "hostile-leads", "name", "Leads", "unit", "leads",
                "target", Map.of("operator", "AT_LEAST", "value", 20), "timeframe", Map.of("start", start, "end", end),
                "dataSource", Map.of("type", "MANUAL"), "frequency", "WEEKLY", "aggregation", "SUM"))
                .post("/api/v1/kpis").then().statusCode(201).extract().path("id"));
        var integration = as(admin).body(Map.of("name", "CRM")).post("/api/v1/integrations").then().statusCode(201).extract();
        IDS.put("integration", integration.path("id"));
        apiKey = integration.path("apiKey");
        as(admin).body(Map.of("value", 3)).post("/api/v1/kpis/" + IDS.get("kpi") + "/measurements").then().statusCode(201);
        IDS.put("measurement", String.valueOf((Object) as(admin).get("/api/v1/kpis/" + IDS.get("kpi") + "/measurements").path("items[0].id")));
        IDS.put("cycle", as(admin).body(Map.of("name", "Hostile", "startDate", start, "endDate", end)).post("/api/v1/cycles")
                .then().statusCode(201).extract().path("id"));
        var objective = as(admin).body(Map.of("cycleId", IDS.get("cycle"), "title", "Objective", "owner", Map.of("type", "COMPANY"),
                "keyResults", List.of(Map.of("title", "Numeric", "type", "NUMERIC", "start", 0, "target", 10))))
                .post("/api/v1/objectives").then().statusCode(201).extract();
        IDS.put("objective", objective.path("id"));
        IDS.put("keyResult", objective.path("keyResults[0].id"));
        await().atMost(Duration.ofSeconds(30)).until(() -> as(admin).body(Map.of("kpiId", IDS.get("kpi"), "objectiveId", IDS.get("objective")))
                .post("/api/v1/kpi-attachments").statusCode() == 201);
        IDS.put("attachment", as(admin).queryParam("objectiveId", IDS.get("objective")).get("/api/v1/kpi-attachments").path("[0].id"));
    }

    private static RequestSpecification as(String token) {
        return RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** The path with this organisation's ids in it (or {@code replacement} for every id). */
    private static String path(String template, String replacement) {
        String[] segments = template.split("/");
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            if (s.startsWith("{")) {
                String kind = switch (segments[i - 1]) {
                    case "org-units" -> "unit";
                    case "kpis" -> "kpi";
                    case "measurements" -> "measurement";
                    case "integrations" -> "integration";
                    case "cycles" -> "cycle";
                    case "key-results" -> "keyResult";
                    case "kpi-attachments" -> "attachment";
                    default -> "objective";
                };
                s = replacement != null ? replacement : IDS.get(kind);
            }
            out.append('/').append(s);
        }
        return out.toString();
    }

    private record Operation(String method, String path, JsonNode operation) {
    }

    private static List<Operation> operations() {
        List<Operation> all = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            if (List.of("get", "post", "put", "patch", "delete").contains(m.getKey())) {
                all.add(new Operation(m.getKey().toUpperCase(), p.getKey(), m.getValue()));
            }
        }));
        assertTrue(all.size() >= 50, "the merged document lists the operations: " + all.size());
        return all;
    }

    private static JsonNode schema(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : document.at(ref.asText().substring(1));
    }

    /** A body with every property of the request's schema given a value of the wrong type. */
    private static String wrongTypes(JsonNode operation) {
        JsonNode schema = schema(operation.at("/requestBody/content/application~1json/schema"));
        ObjectNode body = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
            var property = it.next();
            String type = schema(property.getValue()).path("type").asText("string");
            switch (type) {
                case "string" -> body.putObject(property.getKey()).put("nested", true);
                case "number", "integer" -> body.put(property.getKey(), "twelve");
                case "boolean" -> body.put(property.getKey(), "perhaps");
                case "array" -> body.put(property.getKey(), 42);
                default -> body.put(property.getKey(), "an object was expected");
            }
        }
        return body.toString();
    }

    /** A body with every string the hostile one, every number huge, every date impossible. */
    private static String hostileValues(JsonNode operation) {
        JsonNode schema = schema(operation.at("/requestBody/content/application~1json/schema"));
        ObjectNode body = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
            var property = it.next();
            JsonNode s = schema(property.getValue());
            switch (s.path("type").asText("string")) {
                case "number", "integer" -> body.put(property.getKey(), new java.math.BigDecimal("1e400"));
                case "string" -> body.put(property.getKey(), s.path("format").asText().startsWith("date") ? "2026-02-31" : HOSTILE);
                default -> body.put(property.getKey(), HOSTILE);
            }
        }
        return body.toString();
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void everyWriteAnswersBadInputWithA4xxProblem() {
        String admin = TestTokens.admin(ORG);
        List<String> failures = new ArrayList<>();
        int tried = 0;
        int serverErrors = 0;
        for (Operation op : operations()) {
            if (op.method().equals("GET")) {
                continue;
            }
            Map<String, String> bodies = new LinkedHashMap<>();
            boolean hasBody = op.operation().has("requestBody");
            if (hasBody) {
                bodies.put("malformed JSON", "{\"title\": \"unterminated");
                bodies.put("an array", "[1, 2, 3]");
                bodies.put("a string", "\"just text\"");
                bodies.put("empty object", "{}");
                bodies.put("unknown fields", "{\"surprise\": true, \"organisationId\": \"" + OTHER + "\"}");
                bodies.put("NaN and Infinity", "{\"value\": NaN, \"target\": Infinity, \"start\": -Infinity}");
                bodies.put("wrong types", wrongTypes(op.operation()));
                bodies.put("hostile values", hostileValues(op.operation()));
                bodies.put("deep nesting", "[".repeat(5000) + "]".repeat(5000));
            } else {
                bodies.put("no body", null);
            }
            for (String replacement : new String[] {null, "not-an-id", "%27%3B%20DROP%20TABLE%20objective%3B--", "00000000-0000-0000-0000-000000000000"}) {
                if (replacement != null && !op.path().contains("{")) {
                    continue;
                }
                for (var body : bodies.entrySet()) {
                    RequestSpecification request = op.path().contains("measurements:batch") || op.path().endsWith("/measurements")
                            ? RestAssured.given().header("X-Api-Key", apiKey).contentType(ContentType.JSON)
                            : as(admin);
                    request.header("If-Match", "\"999\"");
                    if (body.getValue() != null) {
                        request.body(body.getValue());
                    }
                    String target = path(op.path(), replacement);
                    Response response = request.request(op.method(), target);
                    tried++;
                    int status = response.statusCode();
                    boolean destructiveSuccess = status < 300 && (op.method().equals("DELETE") || body.getKey().equals("no body"));
                    if (response.asString().contains("No API operation lives at")) {
                        failures.add(op.method() + " " + target + ": the gateway routes it nowhere, though the document lists it");
                    } else if (status >= 500) {
                        serverErrors++;
                        failures.add(op.method() + " " + target + " with " + body.getKey() + ": " + status + " " + response.asString());
                    } else if (status < 400 && !destructiveSuccess && !body.getKey().equals("hostile values")) {
                        failures.add(op.method() + " " + target + " with " + body.getKey() + " was accepted: " + status);
                    } else if (status >= 400 && !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                        failures.add(op.method() + " " + target + " with " + body.getKey() + ": " + status + " as " + response.contentType());
                    }
                }
            }
        }
        System.out.printf("[hostile] %d bad inputs sent to the write operations through the gateway: %d answered 5xx%n", tried, serverErrors);
        assertEquals(List.of(), failures);
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void batchesOverTheLimitAndOversizedBodiesAreRefusedWhole() {
        String kpiKey = "hostile-leads";
        Object before = as(TestTokens.admin(ORG)).get("/api/v1/kpis/" + IDS.get("kpi")).path("currentValue");
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            items.add(Map.of("kpi", kpiKey, "value", 1, "externalId", "over-" + i));
        }
        RestAssured.given().header("X-Api-Key", apiKey).contentType(ContentType.JSON).body(Map.of("items", items))
                .post("/api/v1/measurements:batch").then().statusCode(400).contentType("application/problem+json");
        String huge = "{\"items\":[{\"kpi\":\"" + kpiKey + "\",\"value\":1,\"note\":\"" + "x".repeat(12 * 1024 * 1024) + "\"}]}";
        Response oversized = RestAssured.given().header("X-Api-Key", apiKey).contentType(ContentType.JSON).body(huge)
                .post("/api/v1/measurements:batch");
        assertEquals(413, oversized.statusCode(), "an oversized body is refused");
        assertTrue(String.valueOf(oversized.contentType()).startsWith("application/problem+json"), oversized.contentType());
        // nothing of either was stored
        assertEquals(before, as(TestTokens.admin(ORG)).get("/api/v1/kpis/" + IDS.get("kpi")).path("currentValue"));
        assertEquals(1, ((List<?>) as(TestTokens.admin(ORG)).get("/api/v1/kpis/" + IDS.get("kpi") + "/measurements").path("items")).size());
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void anotherOrganisationGets404sAndSeesNothing() {
        String stranger = TestTokens.admin(OTHER);
        String owner = TestTokens.admin(ORG);
        List<String> failures = new ArrayList<>();
        int tried = 0;
        Map<String, Object> validBodies = Map.of(
                "PATCH /api/v1/objectives/{id}", Map.of("title", "taken over"),
                "PUT /api/v1/cycles/{id}", Map.of("name", "taken", "startDate", "2026-10-01", "endDate", "2026-12-31"),
                "PATCH /api/v1/org-units/{id}", Map.of("name", "taken"),
                "PUT /api/v1/org-units/{id}/members", Map.of("members", List.of("mallory")),
                "POST /api/v1/key-results/{id}/check-ins", Map.of("value", 9, "confidence", 5),
                "POST /api/v1/objectives/{id}/key-results", Map.of("title", "x", "type", "BOOLEAN"),
                "POST /api/v1/kpis/{idOrKey}/measurements", Map.of("value", 1000));
        for (Operation op : operations()) {
            if (!op.path().contains("{") || op.path().contains("/context")) {
                continue;
            }
            String target = path(op.path(), null);
            RequestSpecification request = as(stranger);
            String key = op.method() + " " + op.path();
            if (!op.method().equals("GET") && !op.method().equals("DELETE")) {
                // the body is valid, and If-Match is the resource's own ETag: only the organisation stands in the way
                Object body = validBodies.getOrDefault(key, Map.of());
                request.body(body);
                String etag = as(owner).get(target).header("ETag");
                request.header("If-Match", etag == null ? "\"0\"" : etag);
            } else if (op.method().equals("DELETE")) {
                String etag = as(owner).get(target).header("ETag");
                request.header("If-Match", etag == null ? "\"0\"" : etag);
            }
            Response response = request.request(op.method(), target);
            tried++;
            int status = response.statusCode();
            boolean expected = status == 404 || (status == 400 && !validBodies.containsKey(key) && !op.method().equals("GET")
                    && !op.method().equals("DELETE"));
            if (!expected) {
                failures.add(key + " on the first organisation's resource answered " + status + ": " + response.asString());
            }
        }
        // the owner's things are all still there, unchanged
        as(owner).get("/api/v1/objectives/" + IDS.get("objective")).then().statusCode(200).body("title", org.hamcrest.Matchers.equalTo("Objective"));
        as(owner).get("/api/v1/org-units/" + IDS.get("unit")).then().statusCode(200).body("name", org.hamcrest.Matchers.equalTo("Acme"));
        as(owner).get("/api/v1/kpis/" + IDS.get("kpi")).then().statusCode(200);
        // nothing of the first organisation shows in the second's lists, trees and views
        for (String list : List.of("/api/v1/objectives", "/api/v1/cycles", "/api/v1/kpis", "/api/v1/org-units/tree", "/api/v1/integrations",
                "/api/v1/alignment/orphans", "/api/v1/dashboard?cycleId=" + IDS.get("cycle"), "/api/v1/kpi-attachments?objectiveId=" + IDS.get("objective"))) {
            // the lists may repeat what the caller asked for (the cycle id in the dashboard's query), nothing else
            String body = as(stranger).get(list).asString().replace("\"cycleId\":\"" + IDS.get("cycle") + "\"", "");
            tried++;
            for (var id : IDS.entrySet()) {
                if (id.getValue().length() == 36 && body.contains(id.getValue())) {
                    failures.add(list + " shows the first organisation's " + id.getKey());
                }
            }
        }
        // it cannot attach the first organisation's KPI to its own unit, nor its own KPI to the first one's objective
        String strangerUnit = as(stranger).body(Map.of("name", "Intruder Inc", "type", "COMPANY")).post("/api/v1/org-units").then()
                .statusCode(201).extract().path("id");
        as(stranger).body(Map.of("kpiId", IDS.get("kpi"), "unitId", strangerUnit)).post("/api/v1/kpi-attachments").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("kpiId"));
        as(stranger).body(Map.of("kpiId", IDS.get("kpi"), "objectiveId", IDS.get("objective"))).post("/api/v1/kpi-attachments").then()
                .statusCode(400);
        // nor align one of its objectives under the first organisation's
        as(stranger).body(Map.of("parents", List.of(Map.of("parentId", IDS.get("objective"), "weight", 1))))
                .put("/api/v1/alignment/objectives/" + UUID.randomUUID() + "/parents").then().statusCode(404);
        tried += 4;
        // and its integrations cannot push into the first organisation's KPIs
        String strangerKey = as(stranger).body(Map.of("name", "intruder")).post("/api/v1/integrations").then().statusCode(201).extract().path("apiKey");
        RestAssured.given().header("X-Api-Key", strangerKey).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("kpi", "hostile-leads", "value", 1000))))
                .post("/api/v1/measurements:batch").then().statusCode(200).body("rejected", org.hamcrest.Matchers.equalTo(1));
        RestAssured.given().header("X-Api-Key", strangerKey).contentType(ContentType.JSON).body(Map.of("value", 1000))
                .post("/api/v1/kpis/" + IDS.get("kpi") + "/measurements").then().statusCode(404);
        System.out.printf("[isolation] %d calls by another organisation on the first one's resources and lists: %d leaks or wrong answers%n",
                tried, failures.size());
        assertEquals(List.of(), failures);
    }
}

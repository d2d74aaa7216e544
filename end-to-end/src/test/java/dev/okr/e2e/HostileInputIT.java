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
import org.junit.jupiter.api.extension.ExtendWith;

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
@ExtendWith(ContractCheck.AfterEachTest.class)
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
        ContractCheck.install(platform.gateway(), false);
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

    /** A body with every string property set to {@code text} and every number to {@code number}. */
    private static String everyProperty(JsonNode operation, String text, Object number) {
        JsonNode schema = schema(operation.at("/requestBody/content/application~1json/schema"));
        ObjectNode body = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext();) {
            var property = it.next();
            switch (schema(property.getValue()).path("type").asText("string")) {
                case "number", "integer" -> body.putPOJO(property.getKey(), number);
                case "string" -> body.put(property.getKey(), text);
                default -> body.put(property.getKey(), text);
            }
        }
        return body.toString();
    }

    /** Whether the request's schema has a property of this type. */
    private static boolean has(JsonNode operation, String type) {
        JsonNode schema = schema(operation.at("/requestBody/content/application~1json/schema"));
        for (Iterator<JsonNode> it = schema.path("properties").elements(); it.hasNext();) {
            if (type.equals(schema(it.next()).path("type").asText("string"))) {
                return true;
            }
        }
        return false;
    }

    /** The request's first property given twice (Jackson would keep the second, silently). */
    private static String duplicateKey(JsonNode operation) {
        JsonNode schema = schema(operation.at("/requestBody/content/application~1json/schema"));
        String first = schema.path("properties").fieldNames().hasNext() ? schema.path("properties").fieldNames().next() : "value";
        return "{\"" + first + "\": 1, \"" + first + "\": 2}";
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
                if (has(op.operation(), "string")) {
                    bodies.put("NUL characters", everyProperty(op.operation(), "a\u0000b", 1));
                    bodies.put("unpaired surrogates", everyProperty(op.operation(), "aSURROGATEb", 1).replace("SURROGATE", "\\ud800"));
                }
                if (has(op.operation(), "number") || has(op.operation(), "integer")) {
                    bodies.put("numbers beyond 1e15", everyProperty(op.operation(), "x", new java.math.BigDecimal("1e16")));
                }
                bodies.put("duplicate keys", duplicateKey(op.operation()));
                bodies.put("trailing content", "{} {\"second\": \"document\"}");
            } else {
                bodies.put("no body", null);
            }
            for (String replacement : new String[] {null, "not-an-id", "%27%3B%20DROP%20TABLE%20objective%3B--", "00000000-0000-0000-0000-000000000000",
                    "a%00b"}) {
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
                    Response response = request.urlEncodingEnabled(replacement == null || !replacement.contains("%")).request(op.method(), target);
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
                .header("If-Match", "*").put("/api/v1/alignment/objectives/" + UUID.randomUUID() + "/parents").then().statusCode(404);
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

    @Test
    @org.junit.jupiter.api.Order(4)
    void aHugeValueIsRejectedAloneAndNothingElseIsLost() {
        String admin = TestTokens.admin(ORG);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        as(admin).body(Map.of("key", "hostile-avg", "name", "Average deal", "unit", "USD",
                "target", Map.of("operator", "AT_LEAST", "value", 100), "timeframe", Map.of("start", today.minusDays(10).toString(),
                        "end", today.plusDays(80).toString()),
                "dataSource", Map.of("type", "MANUAL"), "frequency", "WEEKLY", "aggregation", "AVG")).post("/api/v1/kpis").then().statusCode(201);
        Object before = as(admin).get("/api/v1/kpis/hostile-leads").path("currentValue");
        RestAssured.given().header("X-Api-Key", apiKey).contentType(ContentType.JSON)
                .body("{\"items\":[{\"kpi\":\"hostile-avg\",\"value\":1e160,\"externalId\":\"big\"},"
                        + "{\"kpi\":\"hostile-avg\",\"value\":5,\"externalId\":\"five\"},"
                        + "{\"kpi\":\"hostile-leads\",\"value\":1.7e308},{\"kpi\":\"hostile-leads\",\"value\":2,\"externalId\":\"two\"}]}")
                .post("/api/v1/measurements:batch").then().statusCode(200)
                .body("accepted", org.hamcrest.Matchers.equalTo(2)).body("rejected", org.hamcrest.Matchers.equalTo(2))
                .body("results[0].error", org.hamcrest.Matchers.containsString("1e15"));
        as(admin).get("/api/v1/kpis/hostile-avg").then().body("currentValue", org.hamcrest.Matchers.equalTo(5.0f));
        as(admin).get("/api/v1/kpis/hostile-leads").then().body("currentValue",
                org.hamcrest.Matchers.equalTo(((Number) before).floatValue() + 2));
        // a re-send changes nothing: the good items are duplicates, the bad ones still rejected
        RestAssured.given().header("X-Api-Key", apiKey).contentType(ContentType.JSON)
                .body("{\"items\":[{\"kpi\":\"hostile-avg\",\"value\":5,\"externalId\":\"five\"},"
                        + "{\"kpi\":\"hostile-leads\",\"value\":2,\"externalId\":\"two\"}]}")
                .post("/api/v1/measurements:batch").then().body("duplicates", org.hamcrest.Matchers.equalTo(2));
        as(admin).get("/api/v1/kpis/hostile-avg").then().body("currentValue", org.hamcrest.Matchers.equalTo(5.0f));
    }

    @Test
    @org.junit.jupiter.api.Order(5)
    void sixteenConcurrentSetWritesLeaveExactlyOneRequestsSet() {
        String admin = TestTokens.admin(ORG);
        String team = as(admin).body(Map.of("name", "Race team", "type", "DEPARTMENT", "parentId", IDS.get("unit")))
                .post("/api/v1/org-units").then().statusCode(201).extract().path("id");
        String etag = as(admin).get("/api/v1/org-units/" + team).header("ETag");
        List<java.util.concurrent.CompletableFuture<Response>> sent = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            List<String> members = List.of("p" + i, "q" + i);
            sent.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> as(admin).header("If-Match", etag)
                    .body(Map.of("members", members)).put("/api/v1/org-units/" + team + "/members")));
        }
        List<Response> answers = sent.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        List<Integer> statuses = answers.stream().map(Response::statusCode).toList();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(15, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
        List<String> winner = answers.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow().path("members");
        assertEquals(winner, as(admin).get("/api/v1/org-units/" + team).path("members"));
        as(admin).body(Map.of("members", List.of("late"))).put("/api/v1/org-units/" + team + "/members").then().statusCode(428)
                .contentType("application/problem+json");
        System.out.printf("[hostile] 16 concurrent member lists with one If-Match: %s%n", statuses);
    }

    @Test
    @org.junit.jupiter.api.Order(6)
    void aFormulaCannotSlowAnotherOrganisation() throws Exception {
        String admin = TestTokens.admin(ORG);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, Object> timeframe = Map.of("start", today.minusDays(10).toString(), "end", today.plusDays(80).toString());
        Map<String, Object> fin = Map.of("key", "fin", "name", "Finance input", "unit", "USD", "target", Map.of("operator", "AT_LEAST", "value", 1),
                "timeframe", timeframe, "dataSource", Map.of("type", "MANUAL"), "frequency", "DAILY", "aggregation", "LAST");
        as(admin).body(fin).post("/api/v1/kpis").then().statusCode(201);
        Map<String, Object> hostile = new LinkedHashMap<>(fin);
        hostile.put("key", "hostile-formula");
        hostile.put("dataSource", Map.of("type", "FORMULA", "formula", "fin + FACT(20000000) * 0"));
        as(admin).body(hostile).post("/api/v1/kpis").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("dataSource.formula"));
        // the most a formula may be: 1,000 characters, parentheses 16 deep
        StringBuilder heaviest = new StringBuilder("(".repeat(16) + "fin" + ")".repeat(16));
        while (heaviest.length() + " + MAX(fin, ABS(fin))".length() <= 1000) {
            heaviest.append(" + MAX(fin, ABS(fin))");
        }
        hostile.put("dataSource", Map.of("type", "FORMULA", "formula", heaviest.toString()));
        as(admin).body(hostile).post("/api/v1/kpis").then().statusCode(201);

        String neighbour = TestTokens.viewer(OTHER);
        double quiet = p99(() -> as(neighbour).get("/api/v1/kpis").then().statusCode(200));
        java.util.concurrent.atomic.AtomicBoolean pushing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger pushes = new java.util.concurrent.atomic.AtomicInteger();
        Thread pusher = new Thread(() -> {
            while (pushing.get()) {
                RestAssured.given().header("X-Api-Key", apiKey).contentType(ContentType.JSON)
                        .body(Map.of("value", pushes.incrementAndGet())).post("/api/v1/kpis/fin/measurements");
            }
        });
        pusher.start();
        double busy;
        try {
            busy = p99(() -> as(neighbour).get("/api/v1/kpis").then().statusCode(200));
        } finally {
            pushing.set(false);
            pusher.join();
        }
        as(admin).get("/api/v1/kpis/hostile-formula").then().body("status", org.hamcrest.Matchers.notNullValue());
        System.out.printf("[hostile] another organisation's GET /kpis p99: %.1f ms alone, %.1f ms while %d pushes recomputed the "
                + "heaviest formula allowed%n", quiet, busy, pushes.get());
        // the same two cores serve both: what matters is that no push holds the event loop (before: +1.8 s per push)
        assertTrue(busy < Math.max(5 * quiet, quiet + 250), "p99 " + busy + " ms with the formula busy, " + quiet + " ms without");
    }

    private static double p99(Runnable request) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long start = System.nanoTime();
            request.run();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        java.util.Collections.sort(millis);
        return millis.get((int) Math.ceil(millis.size() * 0.99) - 1);
    }

    @Test
    @org.junit.jupiter.api.Order(7)
    void anOversizedChunkedBodyIsRefusedWithAProblem() throws Exception {
        byte[] huge = new byte[12 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        var client = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(SharedPlatform.get().gateway() + "/api/v1/measurements:batch"))
                .header("X-Api-Key", apiKey).header("Content-Type", "application/json")
                // a stream of unknown length goes out chunked, without Content-Length
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge))).build();
        var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    @org.junit.jupiter.api.Order(8)
    void everyReadAsOfAMomentRefusesWhatIsNotAPastMoment() {
        String admin = TestTokens.admin(ORG);
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        List<String> reads = List.of("/api/v1/objectives?cycleId=" + IDS.get("cycle"), "/api/v1/objectives/" + IDS.get("objective") + "?x=1",
                "/api/v1/key-results/" + IDS.get("keyResult") + "?x=1", "/api/v1/kpis/" + IDS.get("kpi") + "?x=1",
                "/api/v1/alignment/objectives/" + IDS.get("objective") + "/tree?x=1", "/api/v1/org-units/" + IDS.get("unit") + "/summary?x=1",
                "/api/v1/dashboard?cycleId=" + IDS.get("cycle") + "&unitId=" + IDS.get("unit"));
        List<String> failures = new ArrayList<>();
        for (String read : reads) {
            for (String asOf : List.of("%00", "2026-12-01%00", "99999-01-01", "2999-01-01", "-1", "1e308", "2026-02-30",
                    "2026-12-01T25:00:00Z", "%27%3B%20drop%20table%20objective_node%3B--")) {
                Response answer = as(admin).urlEncodingEnabled(false).get(read + "&asOf=" + asOf);
                if (answer.statusCode() != 400 || !String.valueOf(answer.contentType()).startsWith("application/problem+json")) {
                    failures.add(read + " asOf=" + asOf + " answered " + answer.statusCode() + ": " + answer.asString());
                }
            }
            // a past day answers (a 404 where the resource had no history yet then; a KPI's 400 before its time frame)
            int status = as(admin).get(read + "&asOf=" + yesterday).statusCode();
            if (status != 200 && status != 404 && !(status == 400 && read.startsWith("/api/v1/kpis/"))) {
                failures.add(read + " asOf=" + yesterday + " answered " + status);
            }
            // another organisation's resource as of a moment is as unknown as now
            int stranger = as(TestTokens.admin(UUID.randomUUID().toString())).get(read + "&asOf=" + yesterday).statusCode();
            if (!read.contains("?cycleId=") && stranger != 404) {
                failures.add(read + " asOf=" + yesterday + " answered " + stranger + " to another organisation");
            }
        }
        assertEquals(List.of(), failures);
    }
}

package dev.okr.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.okr.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The product's promise, through the gateway only, on the four packaged services, the real PostgreSQL and a real
 * Kafka broker: an integration pushes "12 new domestic leads" and the leads KPI, the sales key result linked to it,
 * the sales objective and the company objective above it all move, with exact values, and a client of the
 * organisation watching the live stream sees each change; another organisation sees none of it.
 */
@ExtendWith(ContractCheck.AfterEachTest.class)
class PromiseIT {

    private static ContractCheck contract;

    private static Platform platform;
    private static final String ORG = UUID.randomUUID().toString();
    private static final String STRANGER = UUID.randomUUID().toString();

    @BeforeAll
    static void startThePlatform() throws Exception {
        platform = SharedPlatform.get();
        RestAssured.baseURI = platform.gateway();
        RestAssured.port = platform.port("gateway");
        contract = ContractCheck.install(platform.gateway(), true);
    }

    private static RequestSpecification as(String token) {
        return RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A stream through the gateway, read line by line in the background. */
    private static List<String> follow(String org) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(platform.gateway() + "/api/v1/stream")).header("Authorization", "Bearer " + TestTokens.viewer(org)).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        Thread reader = new Thread(() -> {
            try {
                response.body().forEach(lines::add);
            } catch (RuntimeException closed) {
                // the platform stopped
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(": connected"));
        return lines;
    }

    @Test
    void aCrmPushMovesTheKpiTheKeyResultAndEveryAlignedObjective() throws Exception {
        String admin = TestTokens.admin(ORG);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String start = today.minusDays(30).toString();
        String end = today.plusDays(60).toString();

        String kpi = as(admin).body(Map.of("key", "domestic-leads", "name", "New domestic leads", "unit", "leads",
                "target", Map.of("operator", "AT_LEAST", "value", 20), "timeframe", Map.of("start", start, "end", end),
                "dataSource", Map.of("type", "INTEGRATION", "system", "Salesforce"), "frequency", "WEEKLY", "aggregation", "SUM"))
                .post("/api/v1/kpis").then().statusCode(201).extract().path("id");
        String apiKey = as(admin).body(Map.of("name", "Salesforce CRM")).post("/api/v1/integrations").then().statusCode(201)
                .extract().path("apiKey");
        String acme = as(admin).body(Map.of("name", "Acme SaaS", "type", "COMPANY")).post("/api/v1/org-units").then().statusCode(201)
                .extract().path("id");
        String salesUnit = as(admin).body(Map.of("name", "Sales", "type", "DEPARTMENT", "parentId", acme)).post("/api/v1/org-units")
                .then().statusCode(201).extract().path("id");
        String cycle = as(admin).body(Map.of("name", "E2E", "startDate", start, "endDate", end)).post("/api/v1/cycles")
                .then().statusCode(201).extract().path("id");
        String company = as(admin).body(Map.of("cycleId", cycle, "title", "Become the market leader in SaaS",
                "owner", Map.of("type", "COMPANY"), "keyResults", List.of())).post("/api/v1/objectives").then().statusCode(201)
                .extract().path("id");
        // the KPI-linked key result starts at the KPI's value at the cycle's start (none yet: 0) and aims at its target (20);
        // objectives-service learns of the new KPI from its event, a moment after it was created
        Map<String, Object> salesObjective = Map.of("cycleId", cycle, "title", "Win the domestic market",
                "owner", Map.of("type", "UNIT", "id", salesUnit),
                "keyResults", List.of(Map.of("title", "20 new domestic leads", "type", "KPI_LINKED", "kpiId", kpi)));
        io.restassured.response.Response[] created = new io.restassured.response.Response[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            created[0] = as(admin).body(salesObjective).post("/api/v1/objectives");
            return created[0].statusCode() == 201;
        });
        JsonPath sales = created[0].jsonPath();
        String salesId = sales.getString("id");
        assertEquals(0.0, sales.getDouble("keyResults[0].start"));
        assertEquals(20.0, sales.getDouble("keyResults[0].target"));

        await().atMost(Duration.ofSeconds(30)).until(() -> as(admin).get("/api/v1/alignment/objectives/" + salesId + "/parents").statusCode() == 200
                && as(admin).get("/api/v1/alignment/objectives/" + company + "/parents").statusCode() == 200);
        as(admin).body(Map.of("parents", List.of(Map.of("parentId", company, "weight", 1))))
                .header("If-Match", "*").put("/api/v1/alignment/objectives/" + salesId + "/parents").then().statusCode(200);

        List<String> ours = follow(ORG);
        List<String> theirs = follow(STRANGER);

        long pushed = System.nanoTime();
        RestAssured.given().header("X-Api-Key", apiKey).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("kpi", "domestic-leads", "value", 12, "externalId", "crm-week-48"))))
                .post("/api/v1/measurements:batch").then().statusCode(200)
                .body("accepted", equalTo(1)).body("duplicates", equalTo(0)).body("rejected", equalTo(0));

        // the KPI: 12 of 20 leads, a third of the time frame gone (expected 6.67): on track
        await().atMost(Duration.ofSeconds(30)).until(() -> Float.valueOf(12f).equals(as(admin).get("/api/v1/kpis/" + kpi).path("currentValue")));
        as(admin).get("/api/v1/kpis/" + kpi).then().body("status", equalTo("ON_TRACK"));
        // the key result follows the KPI: 12 of 20 → 0.6, and so does its objective
        await().atMost(Duration.ofSeconds(30)).until(() -> Float.valueOf(12f).equals(as(admin).get("/api/v1/objectives/" + salesId)
                .path("keyResults[0].currentValue")));
        long keyResultMoved = System.nanoTime();
        as(admin).get("/api/v1/objectives/" + salesId).then().body("keyResults[0].currentValue", equalTo(12.0f))
                .body("progress", equalTo(0.6f));
        // the company objective has no key results of its own: it rolls up its one child, 0.6
        await().atMost(Duration.ofSeconds(30)).until(() -> Float.valueOf(0.6f).equals(as(admin).get("/api/v1/objectives/" + company)
                .path("rollupProgress")));
        as(admin).get("/api/v1/objectives/" + company).then().body("progress", equalTo(0.6f));
        System.out.printf("[e2e] measurement accepted → key result moved through the gateway in %d ms%n",
                (keyResultMoved - pushed) / 1_000_000);

        // the stream showed each step to the organisation, and nothing to another one
        await().atMost(Duration.ofSeconds(20)).until(() -> ours.stream().anyMatch(l -> l.startsWith("data: ")
                && l.contains("dev.okr.kpi.measured") && l.contains("\"currentValue\":12.0"))
                && ours.stream().anyMatch(l -> l.startsWith("data: ") && l.contains("\"subject\":\"" + salesId + "\"")
                        && l.contains("\"progress\":0.6"))
                && ours.stream().anyMatch(l -> l.startsWith("data: ") && l.contains("dev.okr.rollup.changed")
                        && l.contains("\"subject\":\"" + company + "\"") && l.contains("\"rollupProgress\":0.6")));
        assertTrue(theirs.stream().noneMatch(l -> l.startsWith("data: ")), "another organisation's stream stays quiet: " + theirs);
        // and each event's data is what the document promises for the stream
        ours.stream().filter(l -> l.startsWith("data: ")).forEach(l -> contract.checkStreamMessage(l.substring("data: ".length())));
        ours.stream().filter(l -> l.startsWith("event: ")).forEach(l -> contract.checkStreamEventName(l.substring("event: ".length())));

        // the same push again changes nothing: the external id makes it a duplicate, the KPI keeps its version, so no
        // event goes out that could move the key result
        int versionBefore = as(admin).get("/api/v1/kpis/" + kpi).path("version");
        RestAssured.given().header("X-Api-Key", apiKey).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("kpi", "domestic-leads", "value", 12, "externalId", "crm-week-48"))))
                .post("/api/v1/measurements:batch").then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(1));
        as(admin).get("/api/v1/kpis/" + kpi).then().body("currentValue", equalTo(12.0f)).body("version", equalTo(versionBefore));
        as(admin).get("/api/v1/objectives/" + salesId).then().body("keyResults[0].currentValue", equalTo(12.0f));

        // the composite views show the same truth
        as(admin).queryParam("cycleId", cycle).get("/api/v1/dashboard").then().statusCode(200)
                .body("objectives", hasSize(2));
        as(admin).queryParam("cycleId", cycle).queryParam("unitId", salesUnit).get("/api/v1/dashboard").then().statusCode(200)
                .body("objectives", hasSize(1)).body("objectives[0].id", equalTo(salesId))
                .body("objectives[0].keyResults[0].currentValue", equalTo(12.0f))
                .body("unit.objectives", equalTo(1));
        as(admin).get("/api/v1/objectives/" + salesId + "/context").then().statusCode(200)
                .body("alignmentKnown", equalTo(true))
                .body("paths[0].id", contains(salesId, company));

        // another organisation cannot read, change, align to or see any of it
        String stranger = TestTokens.admin(STRANGER);
        as(stranger).get("/api/v1/objectives/" + salesId).then().statusCode(404);
        as(stranger).get("/api/v1/kpis/" + kpi).then().statusCode(404);
        as(stranger).get("/api/v1/objectives/" + salesId + "/context").then().statusCode(404);
        as(stranger).queryParam("cycleId", cycle).get("/api/v1/dashboard").then().statusCode(200).body("objectives", hasSize(0));
        as(stranger).body(Map.of("parents", List.of(Map.of("parentId", company, "weight", 1))))
                .header("If-Match", "*").put("/api/v1/alignment/objectives/" + salesId + "/parents").then().statusCode(404);
    }
}

package dev.okr.kpi.measurement;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.okr.contracts.Topics;
import dev.okr.kpi.KpiApiClient;
import dev.okr.kpi.KpiInfra;
import dev.okr.testsupport.KafkaRecords;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(KpiInfra.class)
class IngestionTest {

    private static final String PROBLEM = "application/problem+json";
    private final KpiApiClient api = new KpiApiClient();

    private static RequestSpecification withKey(String key) {
        return given().header("X-Api-Key", key).contentType(ContentType.JSON);
    }

    private static Map<String, Object> item(String kpi, Object value, String externalId) {
        Map<String, Object> item = new HashMap<>();
        item.put("kpi", kpi);
        item.put("value", value);
        item.put("observedAt", Instant.now().minusSeconds(3600).toString());
        if (externalId != null) {
            item.put("externalId", externalId);
        }
        return item;
    }

    @Test
    void shouldStoreValidItemsReportEveryItemAndMoveTheKpi() {
        api.create(KpiApiClient.leads("leads")).then().statusCode(201);
        String key = api.apiKey();
        List<Object> items = new ArrayList<>();
        items.add(item("leads", 6, "crm-1"));
        items.add(item("leads", 8, "crm-2"));
        items.add(item("no-such-kpi", 1, "crm-3"));
        items.add(item("leads", "many", "crm-4"));
        items.add(Map.of("kpi", "leads", "value", 1, "observedAt", "2099-01-01T00:00:00Z"));
        items.add(item("leads", 5, "crm-1"));
        items.add(Map.of("kpi", "leads", "value", 1, "colour", "red"));
        items.add("not an object");

        withKey(key).body(Map.of("items", items)).post("/api/v1/measurements:batch").then().statusCode(200)
                .body("accepted", equalTo(2)).body("duplicates", equalTo(1)).body("rejected", equalTo(5))
                .body("results.status", contains("ACCEPTED", "ACCEPTED", "REJECTED", "REJECTED", "REJECTED", "DUPLICATE",
                        "REJECTED", "REJECTED"))
                .body("results.index", contains(0, 1, 2, 3, 4, 5, 6, 7))
                .body("results[2].error", containsString("no KPI 'no-such-kpi'"))
                .body("results[3].error", equalTo("value: must be a number"))
                .body("results[4].error", equalTo("observedAt: is in the future"))
                .body("results[6].error", startsWith("colour: unknown field"));

        api.viewer().get("/api/v1/kpis/leads").then().statusCode(200)
                .body("currentValue", equalTo(14.0f)).body("status", equalTo("ON_TRACK"))
                .body("statusReason", startsWith("14 leads so far, 10"))
                .body("statusReason", containsString("expected by today: ahead of pace"));

        // the same batch again: every item with an externalId is a duplicate, nothing is stored twice
        withKey(key).body(Map.of("items", items.subList(0, 2))).post("/api/v1/measurements:batch").then().statusCode(200)
                .body("accepted", equalTo(0)).body("duplicates", equalTo(2));
        api.viewer().get("/api/v1/kpis/leads").then().body("currentValue", equalTo(14.0f));
        api.viewer().get("/api/v1/kpis/leads/status-history").then().statusCode(200)
                .body("items.status", contains("ON_TRACK"));
    }

    @Test
    void shouldPublishOneEventPerKpiPerBatch() {
        String id = api.create(KpiApiClient.leads("evented")).path("id");
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            items.add(item("evented", 2, null));
        }
        api.member().body(Map.of("items", items)).post("/api/v1/measurements:batch").then().statusCode(200).body("accepted", equalTo(5));
        var events = KafkaRecords.await(KpiApiClient.bootstrap(), Topics.KPIS, r -> id.equals(r.key()), 3, Duration.ofSeconds(10));
        assertEquals(2, events.size(), "created, then one measured event for the whole batch");
        assertTrue(events.get(1).value().contains("\"type\":\"dev.okr.kpi.measured\""));
        assertTrue(events.get(1).value().contains("\"currentValue\":10.0"));
        assertTrue(events.get(1).value().contains("\"version\":1"));
        // the contract's KpiChanged says what the status was before: none for a new KPI, NO_DATA before its first values
        assertNull(JsonPath.from(events.get(0).value()).get("data.previousStatus"));
        assertEquals("NO_DATA", JsonPath.from(events.get(1).value()).getString("data.previousStatus"));
    }

    @Test
    void shouldJudgeAGroupedKpiPerDimension() {
        Map<String, Object> roi = new HashMap<>(KpiApiClient.leads("roi"));
        roi.put("name", "ROI per project");
        roi.put("unit", "percent");
        roi.put("target", Map.of("operator", "AT_LEAST", "value", 10));
        roi.put("aggregation", "LAST");
        roi.put("groupBy", "project");
        api.create(roi).then().statusCode(201);
        List<Object> items = new ArrayList<>();
        Map<String, Object> a = item("roi", 12, null);
        a.put("dimensions", Map.of("project", "apollo"));
        Map<String, Object> b = item("roi", 9.5, null);
        b.put("dimensions", Map.of("project", "gemini"));
        items.add(a);
        items.add(b);
        items.add(item("roi", 30, null));
        api.member().body(Map.of("items", items)).post("/api/v1/measurements:batch").then().statusCode(200)
                .body("accepted", equalTo(2)).body("results[2].error", startsWith("dimensions.project:"));
        api.viewer().get("/api/v1/kpis/roi").then().statusCode(200)
                .body("status", equalTo("AT_RISK"))
                .body("statusReason", equalTo("1 of 2 on track; worst: gemini: 9.5 % now, target at least 10 % (a threshold: no baseline): 0.5 pp short"))
                .body("statusByDimension", hasSize(2))
                .body("statusByDimension.value", contains("apollo", "gemini"))
                .body("statusByDimension.status", contains("ON_TRACK", "AT_RISK"))
                .body("statusByDimension[0].currentValue", equalTo(12.0f));
    }

    @Test
    void shouldTakeOneValueAtATime() {
        api.create(KpiApiClient.leads("single")).then().statusCode(201);
        String key = api.apiKey();
        withKey(key).body(Map.of("value", 3, "externalId", "one")).post("/api/v1/kpis/single/measurements")
                .then().statusCode(201).body("accepted", equalTo(1));
        withKey(key).body(Map.of("value", 3, "externalId", "one")).post("/api/v1/kpis/single/measurements")
                .then().statusCode(200).body("duplicates", equalTo(1));
        withKey(key).body("{\"value\": 1e400}").post("/api/v1/kpis/single/measurements")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("value"));
        withKey(key).body(Map.of("value", 3)).post("/api/v1/kpis/nothing/measurements")
                .then().statusCode(404).contentType(PROBLEM);
        api.viewer().get("/api/v1/kpis/single").then().body("currentValue", equalTo(3.0f));
    }

    @Test
    void shouldAuthenticateIntegrationsByKeyAndStopARevokedOneAtOnce() {
        api.create(KpiApiClient.leads("guarded")).then().statusCode(201);
        var created = api.admin().body(Map.of("name", "CRM")).post("/api/v1/integrations");
        String key = created.path("apiKey");
        String keyId = created.path("id");
        withKey(key).body(Map.of("value", 1)).post("/api/v1/kpis/guarded/measurements").then().statusCode(201);
        // an API key opens ingestion only
        withKey(key).get("/api/v1/kpis/guarded").then().statusCode(403);
        api.admin().header("If-Match", "*").delete("/api/v1/integrations/" + keyId).then().statusCode(204);
        withKey(key).body(Map.of("value", 1)).post("/api/v1/kpis/guarded/measurements").then().statusCode(401).contentType(PROBLEM);
        withKey("okr_nonsense").body(Map.of("value", 1)).post("/api/v1/kpis/guarded/measurements").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("value", 1)).post("/api/v1/kpis/guarded/measurements").then().statusCode(401);
        api.viewer().body(Map.of("value", 1)).post("/api/v1/kpis/guarded/measurements").then().statusCode(403);
    }

    @Test
    void shouldNotLetAKeyWriteIntoAnotherOrganisation() {
        KpiApiClient other = new KpiApiClient();
        other.create(KpiApiClient.leads("theirs")).then().statusCode(201);
        withKey(api.apiKey()).body(Map.of("value", 1)).post("/api/v1/kpis/theirs/measurements").then().statusCode(404);
        other.viewer().get("/api/v1/kpis/theirs").then().body("currentValue", equalTo(null));
    }

    @Test
    void shouldAcceptTheColonWhetherOrNotItIsEncoded() {
        api.create(KpiApiClient.leads("colon")).then().statusCode(201);
        var body = Map.of("items", List.of(item("colon", 1, null)));
        api.member().urlEncodingEnabled(false).body(body).post("/api/v1/measurements:batch").then().statusCode(200);
        api.member().urlEncodingEnabled(false).body(body).post("/api/v1/measurements%3Abatch").then().statusCode(200);
    }

    @Test
    void shouldRefuseMoreThanTenThousandItems() {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            items.add(Map.of("kpi", "x", "value", i));
        }
        api.member().body(Map.of("items", items)).post("/api/v1/measurements:batch").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("items"));
        // the problem names the path the client called, not where the service serves it
        api.member().body(Map.of("things", List.of())).post("/api/v1/measurements:batch").then().statusCode(400)
                .body("instance", equalTo("/api/v1/measurements:batch"));
    }
}

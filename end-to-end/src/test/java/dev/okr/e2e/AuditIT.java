package dev.okr.e2e;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.okr.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The audit trail through the gateway: changes made to the three services by an admin, a member and a CRM's
 * integration, read back as one list, newest first, page by page; a member sees their own; no secret is in it.
 */
@ExtendWith(ContractCheck.AfterEachTest.class)
class AuditIT {

    private static final String ORG = UUID.randomUUID().toString();

    @BeforeAll
    static void startThePlatform() throws Exception {
        Platform platform = SharedPlatform.get();
        RestAssured.baseURI = platform.gateway();
        RestAssured.port = platform.port("gateway");
        ContractCheck.install(platform.gateway(), true);
    }

    private static RequestSpecification as(String token) {
        return RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    @Test
    void shouldListWhoChangedWhatAcrossTheServices() {
        String admin = TestTokens.admin(ORG);
        String ella = TestTokens.token(ORG, "member", "ella");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String unit = as(admin).body(Map.of("name", "Acme", "type", "COMPANY")).post("/api/v1/org-units").then().statusCode(201)
                .extract().path("id");
        String kpi = as(admin).body(Map.of("key", "audit-leads-" + ORG.substring(0, 8), "name", "Leads", "unit", "leads",
                "target", Map.of("operator", "AT_LEAST", "value", 20), "timeframe", Map.of("start", today.minusDays(5).toString(),
                        "end", today.plusDays(80).toString()), "dataSource", Map.of("type", "INTEGRATION", "system", "CRM"),
                "frequency", "WEEKLY", "aggregation", "SUM")).post("/api/v1/kpis").then().statusCode(201).extract().path("id");
        var integration = as(admin).body(Map.of("name", "CRM")).post("/api/v1/integrations").then().statusCode(201).extract();
        String integrationId = integration.path("id");
        String apiKey = integration.path("apiKey");
        RestAssured.given().header("X-Api-Key", apiKey).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("kpi", kpi, "value", 2), Map.of("kpi", kpi, "value", 3))))
                .post("/api/v1/measurements:batch").then().statusCode(200).body("accepted", equalTo(2));
        String cycle = as(ella).body(Map.of("name", "Q " + ORG, "startDate", today.minusDays(5).toString(), "endDate",
                today.plusDays(80).toString())).post("/api/v1/cycles").then().statusCode(201).extract().path("id");
        String objective = as(ella).body(Map.of("cycleId", cycle, "title", "Grow", "owner", Map.of("type", "PERSON", "id", "ella"),
                "keyResults", List.of(Map.of("title", "customers", "type", "NUMERIC", "start", 0, "target", 10))))
                .post("/api/v1/objectives").then().statusCode(201).extract().path("id");

        Response all = as(admin).get("/api/v1/audit?limit=200");
        all.then().statusCode(200).body("nextCursor", equalTo(null))
                .body("items.action", contains("objective.created", "cycle.created", "kpi.measured", "integration.created", "kpi.created",
                        "org-unit.created"))
                .body("items.service", contains("objectives-service", "objectives-service", "kpi-service", "kpi-service", "kpi-service",
                        "alignment-service"))
                .body("items[0].resourceId", equalTo(objective)).body("items[0].actor.id", equalTo("ella"))
                .body("items[2].actor.type", equalTo("INTEGRATION")).body("items[2].actor.id", equalTo(integrationId))
                .body("items[2].actor.name", equalTo("CRM")).body("items[2].actor.role", equalTo("integration"))
                .body("items[2].changes.find { it.field == 'measurements' }.after", equalTo(2))
                .body("items[4].changes.find { it.field == 'key' }.after", equalTo("audit-leads-" + ORG.substring(0, 8)))
                .body("items[5].resourceId", equalTo(unit)).body("items[5].actor.role", equalTo("admin"));
        List<Instant> times = all.jsonPath().getList("items.at", String.class).stream().map(Instant::parse).toList();
        for (int i = 1; i < times.size(); i++) {
            assertFalse(times.get(i).isAfter(times.get(i - 1)), "newest first: " + times);
        }
        String body = all.asString();
        assertFalse(body.contains(apiKey), "the integration's key is never in the trail");
        assertTrue(body.contains(integration.path("keyPrefix").toString()), "its shown prefix is");

        // two at a time through the three services: the same entries, none twice
        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = as(admin).queryParam("limit", 2).queryParam("cursor", cursor == null ? "" : cursor).get("/api/v1/audit");
            page.then().statusCode(200);
            paged.addAll(page.jsonPath().getList("items.id", String.class));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(all.jsonPath().getList("items.id", String.class), paged);
        assertEquals(6, new HashSet<>(paged).size());

        // one resource; one person; the KPI's measurements pushed by the integration
        as(admin).get("/api/v1/audit?resourceId=" + kpi).then().statusCode(200).body("items.action", contains("kpi.measured", "kpi.created"));
        as(ella).get("/api/v1/audit").then().statusCode(200).body("items", hasSize(2)).body("items.actor.id", everyItem(equalTo("ella")));
        as(ella).get("/api/v1/audit?actor=" + integrationId).then().statusCode(403);
        as(admin).get("/api/v1/audit?actor=" + integrationId).then().statusCode(200).body("items.action", contains("kpi.measured"));
        as(admin).get("/api/v1/audit?limit=500").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        as(admin).get("/api/v1/audit?from=never").then().statusCode(400).body("errors[0].field", equalTo("from"));
        as(TestTokens.admin(UUID.randomUUID().toString())).get("/api/v1/audit").then().statusCode(200).body("items", hasSize(0));
        RestAssured.given().get("/api/v1/audit").then().statusCode(401);
        as(admin).get("/api/v1/audit?resourceId=" + objective).then().body("items.action", hasItem("objective.created"));
    }

    @Test
    void shouldSetTheRetentionInEveryService() {
        String org = UUID.randomUUID().toString();
        String admin = TestTokens.admin(org);
        as(admin).get("/api/v1/audit/retention").then().statusCode(200).body("days", equalTo(400)).body("isDefault", equalTo(true))
                .body("byService.objectives", equalTo(400)).body("byService.kpi", equalTo(400)).body("byService.alignment", equalTo(400));
        as(TestTokens.token(org, "member", "maria")).body(Map.of("days", 90)).put("/api/v1/audit/retention").then().statusCode(403);
        // refused by the first service: nothing changed anywhere (bad input on purpose, out of the contract check)
        as(admin).noFilters().body(Map.of("days", 0)).put("/api/v1/audit/retention").then().statusCode(400)
                .contentType("application/problem+json");
        as(admin).noFilters().body("{\"days\": 9\u0000}").put("/api/v1/audit/retention").then().statusCode(400);
        as(admin).get("/api/v1/audit/retention").then().body("isDefault", equalTo(true));

        as(admin).body(Map.of("days", 90)).put("/api/v1/audit/retention").then().statusCode(200)
                .body("days", equalTo(90)).body("isDefault", equalTo(false))
                .body("byService.objectives", equalTo(90)).body("byService.kpi", equalTo(90)).body("byService.alignment", equalTo(90));
        as(admin).get("/api/v1/audit/retention").then().body("days", equalTo(90));
        as(TestTokens.admin(UUID.randomUUID().toString())).get("/api/v1/audit/retention").then().body("days", equalTo(400));
        // the change is in each service's part of the trail
        as(admin).get("/api/v1/audit?resourceId=" + org).then().statusCode(200).body("items", hasSize(3))
                .body("items.action", everyItem(equalTo("audit-retention.updated")));
    }
}

package dev.okr.alignment.link;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.okr.alignment.AlignmentInfra;
import dev.okr.contracts.Topics;
import dev.okr.testsupport.KafkaRecords;
import dev.okr.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Objectives carried into the next cycle are aligned as their originals were: under the copy of a parent carried too,
 * else under the parent itself, whichever copy arrives first; with the originals' KPI attachments.
 */
@QuarkusTest
@WithTestResource(AlignmentInfra.class)
class RollOverAlignmentTest {

    private final String org = UUID.randomUUID().toString();
    private final String q4 = UUID.randomUUID().toString();
    private final String q1 = UUID.randomUUID().toString();

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("okr.test.kafka.bootstrap", String.class);
    }

    private RequestSpecification member() {
        return given().auth().oauth2(TestTokens.member(org)).contentType(ContentType.JSON);
    }

    private void objective(String id, String cycle, String title, String status, double progress, String rolledOverFrom) {
        KafkaRecords.send(bootstrap(), Topics.OBJECTIVES, id, """
                {"specversion":"1.0","id":"%s","type":"dev.okr.objective.created","source":"/objectives-service","subject":"%s",
                 "time":"2026-12-02T09:00:00Z","orgid":"%s","data":{"id":"%s","cycleId":"%s","title":"%s",
                 "owner":{"type":"COMPANY","id":"%s"},"status":"%s","progress":%s,"health":"ON_TRACK","keyResults":[{"id":"%s"}],
                 "rolledOverFrom":%s,"version":1}}"""
                .formatted(UUID.randomUUID(), id, org, id, cycle, title, org, status, progress, UUID.randomUUID(),
                        rolledOverFrom == null ? "null" : "\"" + rolledOverFrom + "\""));
    }

    private void known(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> member().get("/api/v1/alignment/objectives/" + id + "/parents").statusCode() == 200);
    }

    private void align(String child, List<Map<String, Object>> parents) {
        member().body(Map.of("parents", parents)).header("If-Match", "*").put("/api/v1/alignment/objectives/" + child + "/parents")
                .then().statusCode(200);
    }

    @Test
    void shouldAlignTheCopiesAsTheirOriginalsWereInWhateverOrderTheyArrive() {
        // Q4: company ← sales ← team, and sales also under "brand" (not carried), with a KPI attached to sales
        String company = UUID.randomUUID().toString();
        String brand = UUID.randomUUID().toString();
        String sales = UUID.randomUUID().toString();
        String team = UUID.randomUUID().toString();
        objective(company, q4, "Company", "CLOSED", 0.5, null);
        objective(brand, q4, "Brand", "CLOSED", 0.9, null);
        objective(sales, q4, "Sales", "CLOSED", 0.4, null);
        objective(team, q4, "Team", "CLOSED", 0.3, null);
        List.of(company, brand, sales, team).forEach(this::known);
        align(sales, List.of(Map.of("parentId", company, "weight", 2), Map.of("parentId", brand, "weight", 1)));
        align(team, List.of(Map.of("parentId", sales, "weight", 1)));
        String kpi = UUID.randomUUID().toString();
        KafkaRecords.send(bootstrap(), Topics.KPIS, kpi, """
                {"specversion":"1.0","id":"%s","type":"dev.okr.kpi.measured","source":"/kpi-service","subject":"%s","orgid":"%s",
                 "data":{"id":"%s","organisationId":"%s","key":"deals","name":"Closed deals","unit":"deals",
                 "currentValue":4,"status":"AT_RISK","archived":false,"version":1}}""".formatted(UUID.randomUUID(), kpi, org, kpi, org));
        await().atMost(Duration.ofSeconds(30)).until(() -> member().body(Map.of("kpiId", kpi, "objectiveId", sales))
                .post("/api/v1/kpi-attachments").statusCode() == 201);

        // Q1: the team's copy arrives first, then the company's, then the sales copy; brand is not carried
        String team1 = UUID.randomUUID().toString();
        String company1 = UUID.randomUUID().toString();
        String sales1 = UUID.randomUUID().toString();
        objective(team1, q1, "Team", "ACTIVE", 0, team);
        known(team1);
        member().get("/api/v1/alignment/objectives/" + team1 + "/parents").then().body("parents.parentId", contains(sales));
        objective(company1, q1, "Company", "ACTIVE", 0, company);
        known(company1);
        objective(sales1, q1, "Sales", "ACTIVE", 0.2, sales);
        known(sales1);

        member().get("/api/v1/alignment/objectives/" + sales1 + "/parents").then().statusCode(200)
                .body("parents.parentId", containsInAnyOrder(company1, brand))
                .body("parents.find { it.parentId == '" + company1 + "' }.weight", equalTo(2.0f))
                .body("parents.find { it.parentId == '" + brand + "' }.weight", equalTo(1.0f));
        member().get("/api/v1/alignment/objectives/" + team1 + "/parents").then().body("parents.parentId", contains(sales1));
        member().get("/api/v1/alignment/objectives/" + company1 + "/parents").then().body("parents", hasSize(0));
        // the originals keep their own links
        member().get("/api/v1/alignment/objectives/" + sales + "/parents").then().body("parents.parentId", containsInAnyOrder(company, brand));
        member().get("/api/v1/alignment/objectives/" + team + "/parents").then().body("parents.parentId", contains(sales));
        // the copy of sales watches the same KPI
        member().queryParam("objectiveId", sales1).get("/api/v1/kpi-attachments").then().statusCode(200)
                .body("kpiId", contains(kpi)).body("[0].status", equalTo("AT_RISK"));
        // and the Q1 tree rolls up from the copies: sales1 (0.2 own, team1 0) under company1
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> member().get("/api/v1/alignment/objectives/" + company1 + "/tree")
                .then().statusCode(200).body("children.id", contains(sales1)));
    }
}

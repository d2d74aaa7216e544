package dev.okr.alignment.person;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.HashMap;
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

/** The organisation's people as its units know them, and one person with their units and objectives. */
@QuarkusTest
@WithTestResource(AlignmentInfra.class)
class PeopleTest {

    private static final String PROBLEM = "application/problem+json";
    private final String org = UUID.randomUUID().toString();

    private RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin(org)).contentType(ContentType.JSON);
    }

    private RequestSpecification viewer() {
        return given().auth().oauth2(TestTokens.viewer(org));
    }

    private String unit(String name, String type, String parent, String lead) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "type", type));
        if (parent != null) {
            body.put("parentId", parent);
        }
        if (lead != null) {
            body.put("leadId", lead);
        }
        return admin().body(body).post("/api/v1/org-units").then().statusCode(201).extract().path("id");
    }

    private void members(String unit, String... people) {
        admin().header("If-Match", "*").body(Map.of("members", List.of(people))).put("/api/v1/org-units/" + unit + "/members")
                .then().statusCode(200);
    }

    private void objective(String id, String cycle, String title, String owner, String status, double progress) {
        KafkaRecords.send(ConfigProvider.getConfig().getValue("okr.test.kafka.bootstrap", String.class), Topics.OBJECTIVES, id, """
                {"specversion":"1.0","id":"%s","type":"dev.okr.objective.updated","source":"/objectives-service","subject":"%s",
                 "time":"2026-12-02T09:00:00Z","orgid":"%s","data":{"id":"%s","organisationId":"%s","cycleId":"%s","title":"%s",
                 "owner":{"type":"PERSON","id":"%s"},"status":"%s","progress":%s,"health":"ON_TRACK",
                 "keyResults":[{"id":"%s"}],"version":1}}"""
                .formatted(UUID.randomUUID(), id, org, id, org, cycle, title, owner, status, progress, UUID.randomUUID()));
    }

    @Test
    void shouldListThePeopleTheUnitsKnowWithTheirUnits() {
        String company = unit("Acme", "COMPANY", null, "carla");
        String sales = unit("Sales", "DEPARTMENT", company, "sara");
        String web = unit("Web", "DEPARTMENT", company, null);
        members(sales, "ella", "tom");
        members(web, "tom");
        String gone = unit("Gone", "DEPARTMENT", company, "ghost");
        members(gone, "ghost2");
        admin().header("If-Match", "*").delete("/api/v1/org-units/" + gone).then().statusCode(204);

        viewer().get("/api/v1/people").then().statusCode(200)
                .body("items.id", contains("carla", "ella", "sara", "tom")).body("nextCursor", nullValue())
                .body("items[0].units", hasSize(1)).body("items[0].units[0].unitId", equalTo(company))
                .body("items[0].units[0].role", equalTo("LEAD")).body("items[0].units[0].type", equalTo("COMPANY"))
                .body("items[3].units.name", contains("Sales", "Web")).body("items[3].units.role", contains("MEMBER", "MEMBER"));

        String cursor = viewer().queryParam("limit", 3).get("/api/v1/people").then().statusCode(200)
                .body("items.id", contains("carla", "ella", "sara")).extract().path("nextCursor");
        viewer().queryParam("limit", 3).queryParam("cursor", cursor).get("/api/v1/people").then().statusCode(200)
                .body("items.id", contains("tom")).body("nextCursor", nullValue());

        // another organisation knows none of them
        given().auth().oauth2(TestTokens.viewer(UUID.randomUUID().toString())).get("/api/v1/people").then().statusCode(200)
                .body("items", hasSize(0));
        viewer().queryParam("cursor", "%%%").get("/api/v1/people").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("cursor"));
        viewer().queryParam("cursor", "AA").get("/api/v1/people").then().statusCode(400).contentType(PROBLEM);
        viewer().queryParam("limit", "201").get("/api/v1/people").then().statusCode(400).contentType(PROBLEM);
        given().get("/api/v1/people").then().statusCode(401);
    }

    @Test
    void shouldShowAPersonWithTheirUnitsAndObjectives() {
        String company = unit("Acme", "COMPANY", null, null);
        String sales = unit("Sales", "DEPARTMENT", company, "sara");
        members(sales, "ella");
        String q4 = UUID.randomUUID().toString();
        String q1 = UUID.randomUUID().toString();
        String won = UUID.randomUUID().toString();
        String next = UUID.randomUUID().toString();
        objective(won, q4, "Win 10 deals", "ella", "ACTIVE", 0.62555);
        objective(next, q1, "Win 12 deals", "ella", "ACTIVE", 0.1);
        objective(UUID.randomUUID().toString(), q1, "Old", "ella", "ARCHIVED", 0.1);
        objective(UUID.randomUUID().toString(), q1, "Sara's", "sara", "ACTIVE", 0.3);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> viewer().get("/api/v1/people/ella").then().statusCode(200)
                .body("objectives", hasSize(2)));

        viewer().get("/api/v1/people/ella").then().statusCode(200).body("id", equalTo("ella"))
                .body("units[0].unitId", equalTo(sales)).body("units[0].role", equalTo("MEMBER"))
                .body("objectivesTruncated", equalTo(false));
        viewer().queryParam("cycleId", q4).get("/api/v1/people/ella").then().statusCode(200)
                .body("objectives", hasSize(1)).body("objectives[0].id", equalTo(won)).body("objectives[0].title", equalTo("Win 10 deals"))
                .body("objectives[0].progress", equalTo(0.6256f)).body("objectives[0].status", equalTo("ACTIVE"));
        viewer().get("/api/v1/people/sara").then().statusCode(200).body("units[0].role", equalTo("LEAD"))
                .body("objectives.title", contains("Sara's"));

        // someone only an objective knows is still someone; someone nobody knows is not
        String loner = UUID.randomUUID().toString();
        objective(loner, q1, "Alone", "lone wolf", "ACTIVE", 0);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> viewer().get("/api/v1/people/lone wolf").then().statusCode(200)
                .body("units", hasSize(0)).body("objectives.title", contains("Alone")));
        viewer().get("/api/v1/people/nobody").then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.viewer(UUID.randomUUID().toString())).get("/api/v1/people/ella").then().statusCode(404);
        viewer().get("/api/v1/people/" + "x".repeat(201)).then().statusCode(404).contentType(PROBLEM);
        viewer().get("/api/v1/people/a%00b").then().statusCode(404).contentType(PROBLEM);
        viewer().queryParam("cycleId", "q4").get("/api/v1/people/ella").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("cycleId"));
    }
}

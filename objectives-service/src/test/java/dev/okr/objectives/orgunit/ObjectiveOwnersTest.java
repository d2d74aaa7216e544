package dev.okr.objectives.orgunit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.okr.objectives.Api;
import dev.okr.objectives.ObjectivesInfra;
import dev.okr.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * An objective's owner is a real unit of the caller's organisation, known from alignment-service's events, and
 * only an admin or that unit's members and lead give it objectives; a person's objectives are their own.
 */
@QuarkusTest
@WithTestResource(ObjectivesInfra.class)
class ObjectiveOwnersTest {

    private static final String PROBLEM = "application/problem+json";
    private final Api api = new Api();

    /** What alignment-service publishes when a unit is created or its members change. */
    private static void unitEvent(String org, String unit, String name, String lead, List<String> members, boolean archived, long version) {
        Api.unitEvent(org, unit, null, name, lead, members, archived, version);
    }

    private RequestSpecification as(String subject, String role) {
        return given().auth().oauth2(TestTokens.token(api.org, role, subject)).contentType(ContentType.JSON);
    }

    private Map<String, Object> objectiveFor(String cycle, Map<String, Object> owner) {
        return Map.of("cycleId", cycle, "title", "Ship the loyalty programme", "owner", owner, "keyResults", List.of());
    }

    @Test
    void shouldLetOnlyAdminsMembersAndTheLeadGiveAUnitObjectives() {
        String cycle = api.currentCycle();
        String web = UUID.randomUUID().toString();
        Map<String, Object> owner = Map.of("type", "UNIT", "id", web);
        // not known yet: refused, naming the field, with a hint that it may be on its way
        api.admin().body(objectiveFor(cycle, owner)).post("/api/v1/objectives").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("owner.id")).body("detail", containsString("try again"));

        unitEvent(api.org, web, "Web team", "lena", List.of("tom", "ravi"), false, 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("tom", "member").body(objectiveFor(cycle, owner))
                .post("/api/v1/objectives").then().statusCode(201).body("owner.id", equalTo(web)));
        as("lena", "member").body(objectiveFor(cycle, owner)).post("/api/v1/objectives").then().statusCode(201);
        api.admin().body(objectiveFor(cycle, owner)).post("/api/v1/objectives").then().statusCode(201);
        as("mallory", "member").body(objectiveFor(cycle, owner)).post("/api/v1/objectives").then().statusCode(403)
                .contentType(PROBLEM).body("detail", containsString("Web team"));

        // members change (a newer version); an older event arriving late changes nothing
        unitEvent(api.org, web, "Web team", "lena", List.of("mallory"), false, 3);
        unitEvent(api.org, web, "Web team", "lena", List.of("tom"), false, 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as("mallory", "member").body(objectiveFor(cycle, owner))
                .post("/api/v1/objectives").then().statusCode(201));
        as("tom", "member").body(objectiveFor(cycle, owner)).post("/api/v1/objectives").then().statusCode(403);

        // an archived unit takes no new objectives
        unitEvent(api.org, web, "Web team", "lena", List.of("mallory"), true, 4);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.admin().body(objectiveFor(cycle, owner))
                .post("/api/v1/objectives").then().statusCode(400).body("errors[0].field", equalTo("owner.id")));
    }

    @Test
    void shouldNeverTakeAnotherOrganisationsUnitAsOwner() {
        String theirs = UUID.randomUUID().toString();
        unitEvent(UUID.randomUUID().toString(), theirs, "Their team", null, List.of("maria"), false, 1);
        String mine = UUID.randomUUID().toString();
        unitEvent(api.org, mine, "My team", null, List.of("maria"), false, 1);
        String cycle = api.currentCycle();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.member().body(objectiveFor(cycle, Map.of("type", "UNIT", "id", mine)))
                .post("/api/v1/objectives").then().statusCode(201));
        api.member().body(objectiveFor(cycle, Map.of("type", "UNIT", "id", theirs))).post("/api/v1/objectives").then().statusCode(400)
                .body("errors[0].field", equalTo("owner.id"));
        // nor move an objective to it
        String id = api.createObjective(cycle, "Mine", List.of()).then().statusCode(201).extract().path("id");
        api.member().header("If-Match", "\"0\"").body(Map.of("owner", Map.of("type", "UNIT", "id", theirs)))
                .patch("/api/v1/objectives/" + id).then().statusCode(400).body("errors[0].field", equalTo("owner.id"));
    }

    @Test
    void shouldLetAPersonOwnTheirObjectivesAndAnAdminGiveThemOne() {
        String cycle = api.currentCycle();
        Map<String, Object> marias = Map.of("type", "PERSON", "id", "maria");
        api.member().body(objectiveFor(cycle, marias)).post("/api/v1/objectives").then().statusCode(201);
        as("tom", "member").body(objectiveFor(cycle, marias)).post("/api/v1/objectives").then().statusCode(403)
                .contentType(PROBLEM).body("detail", containsString("\"id\": \"tom\""));
        api.admin().body(objectiveFor(cycle, marias)).post("/api/v1/objectives").then().statusCode(201);
    }
}

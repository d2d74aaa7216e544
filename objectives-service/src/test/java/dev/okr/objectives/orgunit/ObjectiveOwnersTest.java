package dev.okr.objectives.orgunit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

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
        Api.unitEvent(org, unit, null, "TEAM", name, lead, members, archived, version);
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
        // an admin gives objectives to people the units know
        api.admin().body(objectiveFor(cycle, marias)).post("/api/v1/objectives").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("owner.id"));
        unitEvent(api.org, UUID.randomUUID().toString(), "Web team", null, List.of("maria"), false, 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.admin().body(objectiveFor(cycle, marias))
                .post("/api/v1/objectives").then().statusCode(201));
    }

    @Test
    void shouldListAUnitsObjectivesWithItsSubUnitsAndTheirPeople() {
        String cycle = api.currentCycle();
        String company = UUID.randomUUID().toString();
        String sales = UUID.randomUUID().toString();
        String emea = UUID.randomUUID().toString();
        String web = UUID.randomUUID().toString();
        unitEvent(api.org, company, null, "COMPANY", "Acme", "ceo", List.of(), 1);
        unitEvent(api.org, sales, company, "DEPARTMENT", "Sales", "sara", List.of(), 1);
        unitEvent(api.org, emea, sales, "TEAM", "Sales EMEA", null, List.of("ella"), 1);
        unitEvent(api.org, web, company, "TEAM", "Web", "lena", List.of("tom"), 1);
        for (String unit : List.of(company, sales, emea, web)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer().queryParam("unitId", unit).get("/api/v1/objectives")
                    .then().statusCode(200));
        }
        String emeaOwn = create(cycle, Map.of("type", "UNIT", "id", emea));
        String salesOwn = create(cycle, Map.of("type", "UNIT", "id", sales));
        String ellas = create(cycle, Map.of("type", "PERSON", "id", "ella"));
        String saras = create(cycle, Map.of("type", "PERSON", "id", "sara"));
        String webOwn = create(cycle, Map.of("type", "UNIT", "id", web));
        String toms = create(cycle, Map.of("type", "PERSON", "id", "tom"));
        String companys = create(cycle, Map.of("type", "COMPANY"));
        // someone no unit knows is not given an objective, not even by an admin
        api.admin().body(objectiveFor(cycle, Map.of("type", "PERSON", "id", "stranger"))).post("/api/v1/objectives").then()
                .statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("owner.id"))
                .body("detail", containsString("stranger"));
        as("stranger", "member").body(objectiveFor(cycle, Map.of("type", "PERSON", "id", "stranger"))).post("/api/v1/objectives")
                .then().statusCode(201);

        api.viewer().queryParam("unitId", sales).get("/api/v1/objectives").then().statusCode(200)
                .body("items.id", containsInAnyOrder(salesOwn, emeaOwn, ellas, saras));
        api.viewer().queryParam("unitId", sales).queryParam("includeDescendants", false).get("/api/v1/objectives").then()
                .statusCode(200).body("items.id", containsInAnyOrder(salesOwn, saras));
        api.viewer().queryParam("unitId", sales).queryParam("ownerType", "PERSON").get("/api/v1/objectives").then()
                .body("items.id", containsInAnyOrder(ellas, saras));
        api.viewer().queryParam("unitId", company).queryParam("limit", 200).get("/api/v1/objectives").then()
                .body("items.id", containsInAnyOrder(salesOwn, emeaOwn, ellas, saras, webOwn, toms, companys));
        // paging keeps to the unit
        String next = api.viewer().queryParam("unitId", sales).queryParam("limit", 3).get("/api/v1/objectives").then()
                .body("items", hasSize(3)).extract().path("nextCursor");
        api.viewer().queryParam("unitId", sales).queryParam("limit", 3).queryParam("cursor", next).get("/api/v1/objectives").then()
                .body("items", hasSize(1)).body("nextCursor", nullValue());

        // a unit not known here (or another organisation's) is a filter that cannot be met: 400, naming it
        api.viewer().queryParam("unitId", UUID.randomUUID()).get("/api/v1/objectives").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("unitId"));
        api.viewer().queryParam("unitId", "sales").get("/api/v1/objectives").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("unitId"));
        api.viewer().queryParam("unitId", sales).queryParam("includeDescendants", "1").get("/api/v1/objectives").then()
                .statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("includeDescendants"));
        new Api().viewer().queryParam("unitId", sales).get("/api/v1/objectives").then().statusCode(400).contentType(PROBLEM);

        // once their unit is archived, its people are no longer known through it
        Map<String, Object> tom = Map.of("type", "PERSON", "id", "tom");
        api.admin().body(objectiveFor(cycle, tom)).post("/api/v1/objectives").then().statusCode(201);
        Api.unitEvent(api.org, web, company, "TEAM", "Web", "lena", List.of("tom"), true, 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.admin().body(objectiveFor(cycle, tom)).post("/api/v1/objectives")
                .then().statusCode(400).body("errors[0].field", equalTo("owner.id")));
    }

    private String create(String cycle, Map<String, Object> owner) {
        return api.admin().body(objectiveFor(cycle, owner)).post("/api/v1/objectives").then().statusCode(201).extract().path("id");
    }

    private static void unitEvent(String org, String unit, String parent, String type, String name, String lead, List<String> members,
            long version) {
        Api.unitEvent(org, unit, parent, type, name, lead, members, false, version);
    }
}

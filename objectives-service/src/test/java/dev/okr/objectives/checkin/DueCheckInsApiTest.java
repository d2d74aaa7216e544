package dev.okr.objectives.checkin;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
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
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * "What do I owe": the check-ins due from a person and from a unit, before and after a check-in, with the
 * organisation's cadence and a key result's own.
 */
@QuarkusTest
@WithTestResource(ObjectivesInfra.class)
class DueCheckInsApiTest {

    private static final String PROBLEM = "application/problem+json";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private final Api api = new Api();

    private RequestSpecification as(String subject) {
        return given().auth().oauth2(TestTokens.token(api.org, "member", subject)).contentType(ContentType.JSON);
    }

    /** A person's objective as they create it themselves; a unit's as an admin gives it. */
    private Response objective(String cycle, Map<String, Object> owner, List<Map<String, Object>> keyResults) {
        RequestSpecification who = owner.get("type").equals("PERSON") ? as((String) owner.get("id")) : api.admin();
        return who.body(Map.of("cycleId", cycle, "title", "Grow", "owner", owner, "keyResults", keyResults))
                .post("/api/v1/objectives").then().statusCode(201).extract().response();
    }

    private static Map<String, Object> person(String subject) {
        return Map.of("type", "PERSON", "id", subject);
    }

    @Test
    void shouldListWhatAPersonOwesUntilTheyCheckIn() {
        // a cycle whose last day is today: every key result without a check-in owes one today
        String ending = api.cycle("ending " + UUID.randomUUID(), TODAY.minusDays(20).toString(), TODAY.toString());
        Response grow = objective(ending, person("maria"), List.of(Api.numeric("customers", 0, 100), Api.numeric("partners", 0, 10),
                Map.of("title", "launch", "type", "BOOLEAN")));
        String customers = grow.path("keyResults[0].id");
        grow.then().body("keyResults[0].cadence", equalTo("WEEKLY")).body("keyResults[0].cadenceInherited", equalTo(true))
                .body("keyResults[0].nextCheckInDue", equalTo(TODAY.toString()));
        // someone else's objective is not maria's to check in on
        as("tom").body(Map.of("cycleId", ending, "title", "Tom's", "owner", person("tom"), "keyResults", List.of(Api.numeric("other", 0, 1))))
                .post("/api/v1/objectives").then().statusCode(201);

        Response due = api.member().get("/api/v1/me/check-ins/due");
        due.then().statusCode(200).body("items", hasSize(3)).body("nextCursor", nullValue())
                .body("items.keyResultTitle", containsInAnyOrder("customers", "partners", "launch"))
                .body("items[0].dueOn", equalTo(TODAY.toString())).body("items[0].daysOverdue", equalTo(0))
                .body("items[0].objectiveTitle", equalTo("Grow")).body("items[0].owner.id", equalTo("maria"))
                .body("items[0].lastCheckInAt", nullValue());

        api.member().body(Map.of("value", 40, "confidence", 7)).post("/api/v1/key-results/" + customers + "/check-ins").then().statusCode(201);
        api.member().get("/api/v1/me/check-ins/due").then().statusCode(200).body("items", hasSize(2))
                .body("items.keyResultId", not(hasItem(customers)));
        api.viewer().get("/api/v1/objectives/" + grow.path("id")).then().body("keyResults[0].nextCheckInDue", nullValue());

        // paging: one at a time, in the same order, and the cursor ends
        String first = api.member().queryParam("limit", 1).get("/api/v1/me/check-ins/due").then().body("items", hasSize(1))
                .extract().path("nextCursor");
        api.member().queryParam("limit", 1).queryParam("cursor", first).get("/api/v1/me/check-ins/due").then().statusCode(200)
                .body("items", hasSize(1)).body("nextCursor", nullValue());
    }

    @Test
    void shouldPutTheMostOverdueFirstAndLookAheadWhenAsked() {
        String running = api.cycle("running " + UUID.randomUUID(), TODAY.minusDays(20).toString(), TODAY.plusDays(60).toString());
        Response weekly = objective(running, person("maria"), List.of(Api.numeric("weekly", 0, 100)));
        Map<String, Object> monthly = new HashMap<>(Api.numeric("monthly", 0, 100));
        monthly.put("cadence", "MONTHLY");
        objective(running, person("maria"), List.of(monthly)).then().body("keyResults[0].cadence", equalTo("MONTHLY"))
                .body("keyResults[0].cadenceInherited", equalTo(false));
        // nothing is due today: both began today
        api.member().get("/api/v1/me/check-ins/due").then().statusCode(200).body("items", empty());
        api.member().queryParam("withinDays", 7).get("/api/v1/me/check-ins/due").then().statusCode(200)
                .body("items.keyResultTitle", contains("weekly")).body("items[0].daysOverdue", equalTo(-7))
                .body("items[0].dueOn", equalTo(TODAY.plusDays(7).toString()));
        api.member().queryParam("withinDays", 31).get("/api/v1/me/check-ins/due").then()
                .body("items.keyResultTitle", contains("weekly", "monthly"));

        // the cycle is moved to have ended yesterday: the weekly one was owed on its last day
        api.member().header("If-Match", "\"0\"").body(Map.of("name", "running", "startDate", TODAY.minusDays(20).toString(),
                "endDate", TODAY.minusDays(1).toString())).put("/api/v1/cycles/" + running).then().statusCode(200);
        api.member().get("/api/v1/me/check-ins/due").then().statusCode(200)
                .body("items.keyResultTitle", containsInAnyOrder("weekly", "monthly"))
                .body("items.daysOverdue", contains(1, 1)).body("items.dueOn", everyItem(equalTo(TODAY.minusDays(1).toString())));
        api.viewer().get("/api/v1/objectives/" + weekly.path("id")).then()
                .body("keyResults[0].nextCheckInDue", equalTo(TODAY.minusDays(1).toString()));
    }

    @Test
    void shouldFollowTheOrganisationsCadence() {
        String running = api.cycle("running " + UUID.randomUUID(), TODAY.minusDays(20).toString(), TODAY.plusDays(60).toString());
        objective(running, person("maria"), List.of(Api.numeric("n", 0, 100)));
        api.member().queryParam("withinDays", 7).get("/api/v1/me/check-ins/due").then().body("items", hasSize(1));
        api.admin().header("If-Match", "\"0\"").body(Map.of("onTrackMargin", 0.1, "atRiskMargin", 0.25, "lowConfidence", 3,
                "aspirationalAchieved", 0.7, "checkInCadence", "BIWEEKLY")).put("/api/v1/settings/okr").then().statusCode(200)
                .body("checkInCadence", equalTo("BIWEEKLY")).body("minKeyResults", equalTo(3));
        api.member().queryParam("withinDays", 7).get("/api/v1/me/check-ins/due").then().body("items", empty());
        api.member().queryParam("withinDays", 14).get("/api/v1/me/check-ins/due").then().body("items", hasSize(1))
                .body("items[0].cadence", equalTo("BIWEEKLY"));
    }

    @Test
    void shouldListWhatAUnitAndItsSubUnitsAndTheirPeopleOwe() {
        String sales = UUID.randomUUID().toString();
        String emea = UUID.randomUUID().toString();
        String web = UUID.randomUUID().toString();
        Api.unitEvent(api.org, sales, null, "DEPARTMENT", "Sales", "sara", List.of(), false, 1);
        Api.unitEvent(api.org, emea, sales, "TEAM", "Sales EMEA", "erik", List.of("ella"), false, 1);
        Api.unitEvent(api.org, web, null, "TEAM", "Web", "lena", List.of("tom"), false, 1);
        String ending = api.cycle("ending " + UUID.randomUUID(), TODAY.minusDays(20).toString(), TODAY.toString());
        // each unit is known here once alignment-service's event about it arrived (the three may come in any order)
        for (String unit : List.of(sales, emea, web)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer().queryParam("unitId", unit).get("/api/v1/objectives")
                    .then().statusCode(200));
        }
        api.admin().body(Map.of("cycleId", ending, "title", "Sell", "owner", Map.of("type", "UNIT", "id", emea), "keyResults", List.of()))
                .post("/api/v1/objectives").then().statusCode(201);
        objective(ending, Map.of("type", "UNIT", "id", sales), List.of(Api.numeric("sales unit", 0, 1)));
        objective(ending, Map.of("type", "UNIT", "id", emea), List.of(Api.numeric("emea unit", 0, 1)));
        objective(ending, person("ella"), List.of(Api.numeric("ella's", 0, 1)));
        objective(ending, person("sara"), List.of(Api.numeric("sara's", 0, 1)));
        objective(ending, person("tom"), List.of(Api.numeric("tom's", 0, 1)));
        objective(ending, Map.of("type", "UNIT", "id", web), List.of(Api.numeric("web unit", 0, 1)));

        api.viewer().get("/api/v1/org-units/" + sales + "/check-ins/due").then().statusCode(200)
                .body("items.keyResultTitle", containsInAnyOrder("sales unit", "emea unit", "ella's", "sara's"));
        api.viewer().queryParam("includeDescendants", false).get("/api/v1/org-units/" + sales + "/check-ins/due").then().statusCode(200)
                .body("items.keyResultTitle", containsInAnyOrder("sales unit", "sara's"));
        api.viewer().get("/api/v1/org-units/" + emea + "/check-ins/due").then()
                .body("items.keyResultTitle", containsInAnyOrder("emea unit", "ella's"));
        as("tom").get("/api/v1/me/check-ins/due").then().body("items.keyResultTitle", contains("tom's"));
    }

    @Test
    void shouldRefuseWhatItCannotAnswer() {
        api.member().queryParam("withinDays", 32).get("/api/v1/me/check-ins/due").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("withinDays"));
        api.member().queryParam("withinDays", "-1").get("/api/v1/me/check-ins/due").then().statusCode(400);
        api.member().queryParam("withinDays", "99999999999").get("/api/v1/me/check-ins/due").then().statusCode(400).contentType(PROBLEM);
        api.member().queryParam("withinDays", "7x\u0000").get("/api/v1/me/check-ins/due").then().statusCode(400).contentType(PROBLEM);
        api.member().queryParam("cursor", "not-a-cursor").get("/api/v1/me/check-ins/due").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("cursor"));
        api.member().queryParam("limit", 0).get("/api/v1/me/check-ins/due").then().statusCode(400);
        api.viewer().queryParam("includeDescendants", "yes").get("/api/v1/org-units/" + UUID.randomUUID() + "/check-ins/due")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("includeDescendants"));
        // an unknown unit, and another organisation's unit, do not exist here
        api.viewer().get("/api/v1/org-units/" + UUID.randomUUID() + "/check-ins/due").then().statusCode(404).contentType(PROBLEM);
        String theirs = UUID.randomUUID().toString();
        Api other = new Api();
        Api.unitEvent(other.org, theirs, null, "TEAM", "Theirs", "x", List.of(), false, 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> other.viewer().get("/api/v1/org-units/" + theirs + "/check-ins/due")
                .then().statusCode(200));
        api.viewer().get("/api/v1/org-units/" + theirs + "/check-ins/due").then().statusCode(404).contentType(PROBLEM);
        api.viewer().get("/api/v1/org-units/not-a-uuid/check-ins/due").then().statusCode(404);
        given().get("/api/v1/me/check-ins/due").then().statusCode(401);
        // a token that names no person owes nothing it could be asked about
        given().auth().oauth2(TestTokens.token(api.org, "member", "")).get("/api/v1/me/check-ins/due").then().statusCode(400)
                .contentType(PROBLEM).body("detail", containsString("person"));
    }
}

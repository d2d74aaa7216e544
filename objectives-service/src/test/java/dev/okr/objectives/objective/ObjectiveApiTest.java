package dev.okr.objectives.objective;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.okr.contracts.Topics;
import dev.okr.objectives.Api;
import dev.okr.objectives.ObjectivesInfra;
import dev.okr.testsupport.KafkaRecords;
import dev.okr.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(ObjectivesInfra.class)
class ObjectiveApiTest {

    private static final String PROBLEM = "application/problem+json";
    private final Api api = new Api();

    private Response companyObjective(String cycle) {
        return api.createObjective(cycle, "Become the market leader in SaaS", List.of(
                Api.numeric("1,000 new customers in Q3", 0, 1000),
                Map.of("title", "Cost per lead down to $0.50", "type", "NUMERIC", "unit", "usd", "start", 2.0, "target", 0.5, "weight", 2),
                Map.of("title", "Website version 2.0", "type", "MILESTONES", "milestones",
                        List.of(Map.of("title", "Design", "weight", 1), Map.of("title", "Build", "weight", 3))),
                Map.of("title", "Loyalty program live", "type", "BOOLEAN")));
    }

    @Test
    void shouldCreateAnObjectiveWithKeyResultsOfEveryKind() {
        String cycle = api.currentCycle();
        companyObjective(cycle).then().statusCode(201)
                .header("ETag", equalTo("\"0\""))
                .body("title", equalTo("Become the market leader in SaaS"))
                .body("owner.type", equalTo("PERSON")).body("owner.id", equalTo("maria"))
                .body("kind", equalTo("COMMITTED")).body("status", equalTo("ACTIVE"))
                .body("progress", equalTo(0.0f))
                .body("health", notNullValue()).body("healthReason", containsString("% of the cycle elapsed"))
                .body("keyResults", hasSize(4))
                .body("keyResults.position", contains(0, 1, 2, 3))
                .body("keyResults[0].currentValue", equalTo(0.0f))
                .body("keyResults[1].unit", equalTo("USD"))
                .body("keyResults[1].currentValue", equalTo(2.0f))
                .body("keyResults[2].milestones", hasSize(2))
                .body("keyResults[2].milestones[0].id", notNullValue())
                .body("keyResults[3].done", equalTo(false));
    }

    @Test
    void shouldMoveProgressWithCheckInsAndKeepTheHistory() {
        Response created = companyObjective(api.currentCycle());
        String id = created.path("id");
        String customers = created.path("keyResults[0].id");
        String cost = created.path("keyResults[1].id");
        String website = created.path("keyResults[2].id");
        String design = created.path("keyResults[2].milestones[0].id");
        String loyalty = created.path("keyResults[3].id");

        api.member().body(Map.of("value", 250, "confidence", 7, "note", "two big deals")).post("/api/v1/key-results/" + customers + "/check-ins")
                .then().statusCode(201)
                .body("checkIn.progress", equalTo(0.25f)).body("checkIn.author", equalTo("maria"))
                .body("keyResult.progress", equalTo(0.25f)).body("keyResult.confidence", equalTo(7));
        api.member().body(Map.of("value", 1.25, "confidence", 6)).post("/api/v1/key-results/" + cost + "/check-ins")
                .then().statusCode(201).body("keyResult.progress", equalTo(0.5f));
        api.member().body(Map.of("completedMilestones", List.of(design), "confidence", 8)).post("/api/v1/key-results/" + website + "/check-ins")
                .then().statusCode(201).body("keyResult.progress", equalTo(0.25f))
                .body("keyResult.milestones[0].completed", equalTo(true)).body("keyResult.milestones[1].completed", equalTo(false));
        api.member().body(Map.of("done", true, "confidence", 9)).post("/api/v1/key-results/" + loyalty + "/check-ins")
                .then().statusCode(201).body("keyResult.progress", equalTo(1.0f));

        // weights 1, 2, 1, 1: (0.25 + 2 × 0.5 + 0.25 + 1) / 5 = 0.5; check-ins edit key results, not the objective's ETag
        api.viewer().get("/api/v1/objectives/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("progress", equalTo(0.5f)).body("version", equalTo(0)).body("keyResults[0].version", equalTo(1));

        api.member().body(Map.of("value", 400, "confidence", 8)).post("/api/v1/key-results/" + customers + "/check-ins")
                .then().statusCode(201);
        api.viewer().get("/api/v1/key-results/" + customers + "/check-ins").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.value", contains(400.0f, 250.0f))
                .body("items[1].note", equalTo("two big deals"));
    }

    @Test
    void shouldRejectTheWrongKindOfCheckInNamingTheField() {
        Response created = companyObjective(api.currentCycle());
        String customers = created.path("keyResults[0].id");
        String loyalty = created.path("keyResults[3].id");
        api.member().body(Map.of("done", true, "confidence", 5)).post("/api/v1/key-results/" + customers + "/check-ins")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("done"));
        api.member().body(Map.of("confidence", 5)).post("/api/v1/key-results/" + customers + "/check-ins")
                .then().statusCode(400).body("errors[0].field", equalTo("value"));
        api.member().body(Map.of("value", 3, "confidence", 5)).post("/api/v1/key-results/" + loyalty + "/check-ins")
                .then().statusCode(400).body("errors[0].field", equalTo("value"));
        api.member().body(Map.of("value", 3, "confidence", 11)).post("/api/v1/key-results/" + customers + "/check-ins")
                .then().statusCode(400).body("errors[0].field", equalTo("confidence"));
        api.member().body(Map.of("value", 3)).post("/api/v1/key-results/" + customers + "/check-ins")
                .then().statusCode(400).body("errors[0].field", equalTo("confidence"));
        api.member().body("{\"value\": 1e400, \"confidence\": 5}").post("/api/v1/key-results/" + customers + "/check-ins")
                .then().statusCode(400).body("errors[0].field", equalTo("value"));
    }

    @Test
    void shouldRejectBadKeyResultsNamingTheirField() {
        String cycle = api.currentCycle();
        api.createObjective(cycle, "x", List.of(Api.numeric("flat", 5, 5))).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("keyResults[0].target"));
        api.createObjective(cycle, "x", List.of(Map.of("title", "w", "type", "BOOLEAN", "weight", 0))).then().statusCode(400)
                .body("errors[0].field", equalTo("keyResults[0].weight"));
        api.createObjective(cycle, "x", List.of(Map.of("title", "t", "type", "GUESSWORK"))).then().statusCode(400)
                .body("errors[0].field", equalTo("keyResults[0].type"));
        api.createObjective(cycle, "x", List.of(Map.of("title", "m", "type", "MILESTONES"))).then().statusCode(400)
                .body("errors[0].field", equalTo("keyResults[0].milestones"));
        api.createObjective(cycle, "x", List.of(Map.of("title", "c", "type", "NUMERIC", "start", 0, "target", 1, "unit", "bananas")))
                .then().statusCode(400).body("errors[0].field", equalTo("keyResults[0].unit"));
        api.createObjective(cycle, "x", List.of(Map.of("title", "k", "type", "KPI_LINKED", "kpiId", UUID.randomUUID().toString())))
                .then().statusCode(400).body("errors[0].field", equalTo("keyResults[0].kpiId"));
        api.createObjective(UUID.randomUUID().toString(), "x", List.of()).then().statusCode(400)
                .body("errors[0].field", equalTo("cycleId"));
        api.member().body(Map.of("cycleId", cycle, "title", "x", "owner", Map.of("type", "UNIT", "id", "not-a-uuid")))
                .post("/api/v1/objectives").then().statusCode(400).body("errors[0].field", equalTo("owner.id"));
        // every error at once: a blank title beside what the type needs, in two key results
        api.createObjective(cycle, "x", List.of(Map.of("title", " ", "type", "NUMERIC", "target", 10),
                Map.of("title", "b", "type", "BOOLEAN", "start", 1))).then().statusCode(400)
                .body("errors.field", containsInAnyOrder("keyResults[0].title", "keyResults[0].start", "keyResults[1].start"));
    }

    @Test
    void shouldPatchWithIfMatchOnly() {
        String id = companyObjective(api.currentCycle()).path("id");
        api.member().body(Map.of("title", "Lead the SaaS market")).patch("/api/v1/objectives/" + id)
                .then().statusCode(428).contentType(PROBLEM);
        api.member().header("If-Match", "\"0\"").body(Map.of("title", "Lead the SaaS market", "kind", "ASPIRATIONAL"))
                .patch("/api/v1/objectives/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("title", equalTo("Lead the SaaS market")).body("kind", equalTo("ASPIRATIONAL"));
        api.member().header("If-Match", "\"0\"").body(Map.of("title", "lost update")).patch("/api/v1/objectives/" + id)
                .then().statusCode(412).contentType(PROBLEM);
    }

    @Test
    void shouldRemoveAFieldGivenAsNullAsAMergePatchSays() {
        String cycle = api.currentCycle();
        String id = api.member().body(Map.of("cycleId", cycle, "title", "Delight customers", "description", "NPS above 50",
                "owner", Map.of("type", "PERSON", "id", "maria"))).post("/api/v1/objectives").then().statusCode(201)
                .body("description", equalTo("NPS above 50")).extract().path("id");
        java.util.Map<String, Object> clear = new java.util.HashMap<>();
        clear.put("description", null);
        api.member().header("If-Match", "*").contentType("application/merge-patch+json").body(clear).patch("/api/v1/objectives/" + id)
                .then().statusCode(200).body("description", org.hamcrest.Matchers.nullValue()).body("title", equalTo("Delight customers"));
        java.util.Map<String, Object> noTitle = new java.util.HashMap<>();
        noTitle.put("title", null);
        api.member().header("If-Match", "*").body(noTitle).patch("/api/v1/objectives/" + id).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("title"));
        api.viewer().get("/api/v1/objectives/" + id).then().body("title", equalTo("Delight customers"));
    }

    @Test
    void shouldHideAnotherOrganisationsObjective() {
        Response created = companyObjective(api.currentCycle());
        String id = created.path("id");
        String kr = created.path("keyResults[0].id");
        Api stranger = new Api();
        stranger.viewer().get("/api/v1/objectives/" + id).then().statusCode(404).contentType(PROBLEM);
        stranger.member().header("If-Match", "\"0\"").body(Map.of("title", "mine")).patch("/api/v1/objectives/" + id)
                .then().statusCode(404);
        stranger.member().body(Map.of("value", 1, "confidence", 5)).post("/api/v1/key-results/" + kr + "/check-ins")
                .then().statusCode(404);
        stranger.viewer().get("/api/v1/key-results/" + kr + "/check-ins").then().statusCode(404);
        stranger.viewer().get("/api/v1/objectives").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void shouldAddChangeReorderAndRemoveKeyResults() {
        Response created = api.createObjective(api.currentCycle(), "Expand reach", List.of(Api.numeric("followers", 0, 100)));
        String id = created.path("id");
        String first = created.path("keyResults[0].id");
        String second = api.member().body(Map.of("title", "Podcast launched", "type", "BOOLEAN"))
                .post("/api/v1/objectives/" + id + "/key-results").then().statusCode(201)
                .body("position", equalTo(1)).extract().path("id");

        api.member().header("If-Match", "\"0\"").body(Map.of("title", "followers", "type", "NUMERIC", "start", 0, "target", 200, "currentValue", 50))
                .put("/api/v1/key-results/" + first).then().statusCode(200)
                .body("target", equalTo(200.0f)).body("progress", equalTo(0.25f)).header("ETag", equalTo("\"1\""));
        api.member().header("If-Match", "\"1\"").body(Map.of("title", "followers", "type", "BOOLEAN"))
                .put("/api/v1/key-results/" + first).then().statusCode(400).body("errors[0].field", equalTo("type"));

        long version = ((Number) api.viewer().get("/api/v1/objectives/" + id).path("version")).longValue();
        api.member().header("If-Match", "\"" + version + "\"").body(Map.of("keyResultIds", List.of(second, first)))
                .put("/api/v1/objectives/" + id + "/key-results/order").then().statusCode(200)
                .body("keyResults.id", contains(second, first));
        api.member().header("If-Match", "\"" + (version + 1) + "\"").body(Map.of("keyResultIds", List.of(second)))
                .put("/api/v1/objectives/" + id + "/key-results/order").then().statusCode(400)
                .body("errors[0].field", equalTo("keyResultIds"));

        // reordering is an edit of the objective's list, not of the key result's own definition: its ETag holds
        api.member().header("If-Match", "\"1\"").delete("/api/v1/key-results/" + second).then().statusCode(412);
        api.member().header("If-Match", "\"0\"").delete("/api/v1/key-results/" + second).then().statusCode(204);
        api.viewer().get("/api/v1/objectives/" + id).then().body("keyResults", hasSize(1)).body("progress", equalTo(0.25f));
        api.viewer().get("/api/v1/key-results/" + second + "/check-ins").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void shouldJudgeHealthAgainstTheCycle() {
        String past = api.cycle("2025-Q1 " + UUID.randomUUID(), "2025-01-01", "2025-03-31");
        String future = api.cycle("2030-Q1 " + UUID.randomUUID(), "2030-01-01", "2030-03-31");
        api.createObjective(future, "later", List.of(Api.numeric("n", 0, 10))).then().statusCode(201)
                .body("health", equalTo("NOT_STARTED")).body("healthReason", containsString("2030-01-01"));
        api.createObjective(past, "done", List.of(Map.of("title", "n", "type", "NUMERIC", "start", 0, "target", 10, "currentValue", 10)))
                .then().statusCode(201).body("health", equalTo("ACHIEVED")).body("keyResults[0].health", equalTo("ACHIEVED"));
        api.createObjective(past, "short", List.of(Map.of("title", "n", "type", "NUMERIC", "start", 0, "target", 10, "currentValue", 7)))
                .then().statusCode(201).body("health", equalTo("MISSED"));
    }

    @Test
    void shouldFilterAndPageObjectives() {
        Api own = new Api();
        String c1 = own.currentCycle();
        String c2 = own.currentCycle();
        for (int i = 0; i < 3; i++) {
            own.createObjective(c1, "c1-" + i, List.of()).then().statusCode(201);
        }
        own.createObjective(c2, "c2", List.of()).then().statusCode(201);
        own.viewer().queryParam("cycleId", c1).queryParam("limit", 2).get("/api/v1/objectives").then().statusCode(200)
                .body("items.title", contains("c1-0", "c1-1")).body("nextCursor", notNullValue());
        String cursor = own.viewer().queryParam("cycleId", c1).queryParam("limit", 2).get("/api/v1/objectives").path("nextCursor");
        own.viewer().queryParam("cycleId", c1).queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/objectives")
                .then().body("items.title", contains("c1-2")).body("nextCursor", nullValue());
        own.viewer().queryParam("ownerType", "PERSON").queryParam("ownerId", "maria").get("/api/v1/objectives")
                .then().body("items", hasSize(4));
        own.viewer().queryParam("health", "OFF_TRACK").get("/api/v1/objectives").then().body("items", hasSize(4));
        own.viewer().queryParam("health", "SPLENDID").get("/api/v1/objectives").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void shouldListACallersOwnObjectives() {
        Api own = new Api();
        String cycle = own.currentCycle();
        own.createObjective(cycle, "maria's", List.of()).then().statusCode(201);
        given().auth().oauth2(TestTokens.token(own.org, "member", "tom")).contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("cycleId", cycle, "title", "tom's", "owner", Map.of("type", "PERSON", "id", "tom")))
                .post("/api/v1/objectives").then().statusCode(201);
        own.admin().body(Map.of("cycleId", cycle, "title", "the company's", "owner", Map.of("type", "COMPANY")))
                .post("/api/v1/objectives").then().statusCode(201);
        // another organisation's maria owns hers, which ours never sees
        Api other = new Api();
        other.createObjective(other.currentCycle(), "the other maria's", List.of()).then().statusCode(201);

        // a request specification gathers what is set on it: one of each per request
        Supplier<RequestSpecification> maria =
                () -> given().auth().oauth2(TestTokens.token(own.org, "viewer", "maria"));
        Supplier<RequestSpecification> tom =
                () -> given().auth().oauth2(TestTokens.token(own.org, "viewer", "tom"));
        maria.get().get("/api/v1/me/objectives").then().statusCode(200).body("items.title", contains("maria's"));
        tom.get().get("/api/v1/me/objectives").then().statusCode(200).body("items.title", contains("tom's"));
        maria.get().queryParam("owner", "me").get("/api/v1/objectives").then().statusCode(200).body("items.title", contains("maria's"));
        tom.get().queryParam("ownerId", "me").get("/api/v1/objectives").then().statusCode(200).body("items.title", contains("tom's"));
        maria.get().queryParam("cycleId", own.currentCycle()).get("/api/v1/me/objectives").then().statusCode(200).body("items", hasSize(0));
        maria.get().queryParam("status", "ARCHIVED").get("/api/v1/me/objectives").then().statusCode(200).body("items", hasSize(0));

        // what is not a filter is a 400 naming it
        maria.get().queryParam("owner", "you").get("/api/v1/objectives").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("owner"));
        maria.get().queryParam("owner", "me").queryParam("ownerId", "tom").get("/api/v1/objectives").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("owner"));
        maria.get().queryParam("ownerId", "me").queryParam("ownerType", "COMPANY").get("/api/v1/objectives").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("ownerType"));
        maria.get().queryParam("ownerId", "me").queryParam("ownerType", "PERSON").get("/api/v1/objectives").then().statusCode(200)
                .body("items.title", contains("maria's"));
        maria.get().queryParam("health", "SPLENDID").get("/api/v1/me/objectives").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("health"));
        maria.get().queryParam("cursor", "zz").get("/api/v1/me/objectives").then().statusCode(400).contentType(PROBLEM);
        maria.get().queryParam("limit", "99999999999999999999").get("/api/v1/me/objectives").then().statusCode(400).contentType(PROBLEM);
        maria.get().queryParam("cycleId", "x\u0000").get("/api/v1/me/objectives").then().statusCode(400).contentType(PROBLEM);
        given().get("/api/v1/me/objectives").then().statusCode(401);
    }

    @Test
    void shouldNameEachCheckInAndServeAKeyResultOfItsOwn() {
        Response created = companyObjective(api.currentCycle());
        String kr = created.path("keyResults[0].id");
        Response checkIn = api.member().body(Map.of("value", 250, "confidence", 7)).post("/api/v1/key-results/" + kr + "/check-ins");
        checkIn.then().statusCode(201);
        String location = checkIn.header("Location");
        String checkInId = checkIn.path("checkIn.id");
        assertTrue(location.endsWith("/api/v1/key-results/" + kr + "/check-ins/" + checkInId), location);
        api.viewer().get("/api/v1/key-results/" + kr + "/check-ins/" + checkInId).then().statusCode(200)
                .body("value", equalTo(250.0f)).body("confidence", equalTo(7));
        api.viewer().get("/api/v1/key-results/" + kr + "/check-ins/" + UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        new Api().viewer().get("/api/v1/key-results/" + kr + "/check-ins/" + checkInId).then().statusCode(404);

        api.viewer().get("/api/v1/key-results/" + kr).then().statusCode(200).header("ETag", "\"1\"")
                .body("currentValue", equalTo(250.0f)).body("progress", equalTo(0.25f));
        api.viewer().header("If-None-Match", "\"1\"").get("/api/v1/key-results/" + kr).then().statusCode(304);
        new Api().viewer().get("/api/v1/key-results/" + kr).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldPublishEveryChangeWithAGrowingVersion() {
        Response created = companyObjective(api.currentCycle());
        String id = created.path("id");
        String kr = created.path("keyResults[0].id");
        api.member().body(Map.of("value", 100, "confidence", 6)).post("/api/v1/key-results/" + kr + "/check-ins").then().statusCode(201);
        api.member().header("If-Match", "\"0\"").body(Map.of("title", "renamed")).patch("/api/v1/objectives/" + id).then().statusCode(200);

        List<ConsumerRecord<String, String>> events = KafkaRecords.await(Api.bootstrap(), Topics.OBJECTIVES,
                r -> id.equals(r.key()), 3, Duration.ofSeconds(30));
        assertEquals(3, events.size());
        assertTrue(events.get(0).value().contains("\"type\":\"dev.okr.objective.created\""));
        assertTrue(events.get(0).value().contains("\"version\":0"));
        assertTrue(events.get(1).value().contains("\"type\":\"dev.okr.objective.checked-in\""));
        assertTrue(events.get(1).value().contains("\"version\":1"));
        assertTrue(events.get(2).value().contains("\"type\":\"dev.okr.objective.updated\""));
        assertTrue(events.get(2).value().contains("\"version\":2"));
        assertTrue(events.get(2).value().contains("\"title\":\"renamed\""));
        // the event's data is the contract's ObjectiveChanged: what consumers key on, said plainly
        JsonPath createdEvent = JsonPath.from(events.get(0).value());
        JsonPath checkedIn = JsonPath.from(events.get(1).value());
        assertEquals(api.org, checkedIn.getString("data.organisationId"));
        assertEquals(0.02f, checkedIn.getFloat("data.ownProgress"), "(100/1000 × 1) / 5 of weight");
        assertNull(createdEvent.get("data.previousHealth"));
        assertEquals(createdEvent.getString("data.health"), checkedIn.getString("data.previousHealth"));
        assertEquals(List.of(), checkedIn.getList("data.kpiIds"));
        // fields are only ever added: everything the objective's answer holds, its event holds too
        Map<String, Object> view = api.viewer().get("/api/v1/objectives/" + id).then().extract().jsonPath().getMap("");
        Map<String, Object> data = JsonPath.from(events.get(2).value()).getMap("data");
        assertTrue(data.keySet().containsAll(view.keySet()), "missing: " + view.keySet().stream().filter(k -> !data.containsKey(k)).toList());
        Map<String, Object> milestones = ((List<Map<String, Object>>) view.get("keyResults")).get(2);
        Map<String, Object> eventMilestones = ((List<Map<String, Object>>) data.get("keyResults")).get(2);
        assertTrue(eventMilestones.keySet().containsAll(milestones.keySet()), "missing in a key result: " + milestones.keySet());
        assertEquals(milestones.get("milestones"), eventMilestones.get("milestones"));
    }

    @Test
    void shouldArchiveAndKeepTheObjectiveReadable() {
        String id = companyObjective(api.currentCycle()).path("id");
        api.member().header("If-Match", "\"0\"").delete("/api/v1/objectives/" + id).then().statusCode(204);
        api.viewer().get("/api/v1/objectives/" + id).then().statusCode(200).body("status", equalTo("ARCHIVED"));
        api.viewer().get("/api/v1/objectives").then().body("items.id", org.hamcrest.Matchers.not(hasItem(id)));
        api.viewer().queryParam("status", "ARCHIVED").get("/api/v1/objectives").then().body("items.id", hasItem(id));
        api.member().header("If-Match", "\"1\"").body(Map.of("title", "zombie")).patch("/api/v1/objectives/" + id)
                .then().statusCode(409).contentType(PROBLEM);
    }

    @Test
    void shouldCloseACycleWithScoresAndCarryAnUnachievedObjectiveOver() {
        String cycle = api.currentCycle();
        String next = api.currentCycle();
        Response created = api.createObjective(cycle, "Grow", List.of(Api.numeric("customers", 0, 1000), Api.numeric("partners", 10, 20)));
        String id = created.path("id");
        String customers = created.path("keyResults[0].id");
        api.member().body(Map.of("value", 625, "confidence", 5)).post("/api/v1/key-results/" + customers + "/check-ins").then().statusCode(201);
        String achieved = api.createObjective(cycle, "Done", List.of(Map.of("title", "t", "type", "BOOLEAN"))).path("id");
        String achievedKr = api.viewer().get("/api/v1/objectives/" + achieved).path("keyResults[0].id");
        api.member().body(Map.of("done", true, "confidence", 10)).post("/api/v1/key-results/" + achievedKr + "/check-ins").then().statusCode(201);

        api.member().post("/api/v1/cycles/" + cycle + "/close").then().statusCode(428);
        // the cycle runs for another 60 days: closing it now must be meant
        api.member().header("If-Match", "\"0\"").post("/api/v1/cycles/" + cycle + "/close").then().statusCode(409)
                .contentType(PROBLEM).body("detail", containsString("force=true"));
        api.member().header("If-Match", "\"0\"").queryParam("force", "maybe").post("/api/v1/cycles/" + cycle + "/close").then()
                .statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("force"));
        api.viewer().get("/api/v1/objectives/" + id).then().body("status", equalTo("ACTIVE"));
        api.member().header("If-Match", "\"0\"").queryParam("force", true).post("/api/v1/cycles/" + cycle + "/close").then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("closedAt", notNullValue());

        // (0.625 + 0) / 2 = 0.3125 → 0.31
        api.viewer().get("/api/v1/objectives/" + id).then().statusCode(200)
                .body("status", equalTo("CLOSED")).body("score", equalTo(0.31f)).body("health", equalTo("MISSED"));
        api.viewer().get("/api/v1/objectives/" + achieved).then().body("score", equalTo(1.0f)).body("health", equalTo("ACHIEVED"));
        api.member().body(Map.of("value", 900, "confidence", 5)).post("/api/v1/key-results/" + customers + "/check-ins")
                .then().statusCode(409).contentType(PROBLEM);
        api.createObjective(cycle, "late", List.of()).then().statusCode(409);

        api.member().body(Map.of("cycleId", next)).post("/api/v1/objectives/" + achieved + "/roll-over").then().statusCode(409);
        Response carried = api.member().body(Map.of("cycleId", next)).post("/api/v1/objectives/" + id + "/roll-over");
        carried.then().statusCode(201)
                .body("cycleId", equalTo(next)).body("rolledOverFrom", equalTo(id)).body("title", equalTo("Grow"))
                .body("owner.id", equalTo("maria")).body("status", equalTo("ACTIVE"))
                .body("keyResults", hasSize(2))
                .body("keyResults[0].start", equalTo(625.0f)).body("keyResults[0].currentValue", equalTo(625.0f))
                .body("keyResults[0].target", equalTo(1000.0f)).body("keyResults[0].progress", equalTo(0.0f))
                .body("keyResults[1].start", equalTo(10.0f));
        api.member().body(Map.of("cycleId", next)).post("/api/v1/objectives/" + id + "/roll-over").then().statusCode(409);
        api.viewer().get("/api/v1/objectives/" + id).then().body("score", equalTo(0.31f));
    }

    @Test
    void shouldCloseACycleWhoseLastDayHasPassedWithoutForce() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        String ended = api.cycle("ended " + UUID.randomUUID(), today.minusDays(40).toString(), today.minusDays(1).toString());
        String id = api.createObjective(ended, "Done", List.of(Api.numeric("n", 0, 10))).then().statusCode(201).extract().path("id");
        api.member().header("If-Match", "\"0\"").post("/api/v1/cycles/" + ended + "/close").then().statusCode(200)
                .body("status", equalTo("CLOSED"));
        api.viewer().get("/api/v1/objectives/" + id).then().body("status", equalTo("CLOSED")).body("warnings", hasSize(0));
    }

    @Test
    void shouldWarnWhatTheMethodAdvisesAgainstWithoutRefusingIt() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        String quarter = api.cycle("quarter " + UUID.randomUUID(), today.minusDays(10).toString(), today.plusDays(80).toString());
        String year = api.cycle("year " + UUID.randomUUID(), today.minusDays(10).toString(), today.plusDays(300).toString());
        Response two = api.createObjective(quarter, "Two", List.of(Api.numeric("a", 0, 1), Api.numeric("b", 0, 1)));
        two.then().statusCode(201).body("warnings", hasSize(1)).body("warnings[0].code", equalTo("FEW_KEY_RESULTS"))
                .body("warnings[0].message", equalTo("2 key results: 3 to 5 are advised, so that the objective is measured from more than one side"));
        api.createObjective(quarter, "Three", List.of(Api.numeric("a", 0, 1), Api.numeric("b", 0, 1), Api.numeric("c", 0, 1)))
                .then().statusCode(201).body("warnings", hasSize(0));
        List<Map<String, Object>> six = java.util.stream.IntStream.range(0, 6).mapToObj(i -> Api.numeric("kr " + i, 0, 1)).toList();
        api.createObjective(quarter, "Six", six).then().statusCode(201).body("warnings.code", contains("MANY_KEY_RESULTS"));
        api.createObjective(year, "Yearly", List.of(Api.numeric("a", 0, 1), Api.numeric("b", 0, 1), Api.numeric("c", 0, 1)))
                .then().statusCode(201).body("warnings.code", contains("LONG_CYCLE"))
                .body("warnings[0].message", containsString("spans 311 days"));

        // adding a third key result answers the objective without the warning
        String id = two.path("id");
        api.member().header("If-Match", "\"0\"").body(Api.numeric("c", 0, 1)).post("/api/v1/objectives/" + id + "/key-results")
                .then().statusCode(201);
        api.viewer().get("/api/v1/objectives/" + id).then().body("warnings", hasSize(0));

        // the organisation advises two: three is now too many, two is fine
        api.admin().header("If-Match", "\"0\"").body(Map.of("onTrackMargin", 0.1, "atRiskMargin", 0.25, "lowConfidence", 3,
                "aspirationalAchieved", 0.7, "minKeyResults", 2, "maxKeyResults", 2)).put("/api/v1/settings/okr").then().statusCode(200)
                .body("minKeyResults", equalTo(2)).body("maxKeyResults", equalTo(2)).body("checkInCadence", equalTo("WEEKLY"));
        api.viewer().get("/api/v1/objectives/" + id).then().body("warnings.code", contains("MANY_KEY_RESULTS"))
                .body("warnings[0].message", startsWith("3 key results: 2 are advised"));
        api.admin().header("If-Match", "\"1\"").body(Map.of("onTrackMargin", 0.1, "atRiskMargin", 0.25, "lowConfidence", 3,
                "aspirationalAchieved", 0.7, "minKeyResults", 4, "maxKeyResults", 3)).put("/api/v1/settings/okr").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("maxKeyResults"));
        api.admin().header("If-Match", "\"1\"").body(Map.of("onTrackMargin", 0.1, "atRiskMargin", 0.25, "lowConfidence", 3,
                "aspirationalAchieved", 0.7, "minKeyResults", 0)).put("/api/v1/settings/okr").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("minKeyResults"));
        api.admin().header("If-Match", "\"1\"").body(Map.of("onTrackMargin", 0.1, "atRiskMargin", 0.25, "lowConfidence", 3,
                "aspirationalAchieved", 0.7, "checkInCadence", "HOURLY")).put("/api/v1/settings/okr").then().statusCode(400)
                .contentType(PROBLEM);
        api.admin().header("If-Match", "\"1\"").body(Map.of("onTrackMargin", 0.1, "atRiskMargin", 0.25, "lowConfidence", 3,
                "aspirationalAchieved", 0.7, "maxKeyResults", 2147483648L)).put("/api/v1/settings/okr").then().statusCode(400)
                .contentType(PROBLEM);
    }
}

package dev.okr.objectives.objective;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.okr.objectives.Api;
import dev.okr.objectives.ObjectivesInfra;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Rolling a whole closed cycle into the next: every unachieved objective once, linked both ways, and nothing twice. */
@QuarkusTest
@WithTestResource(ObjectivesInfra.class)
class CycleRollOverTest {

    private static final String PROBLEM = "application/problem+json";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private final Api api = new Api();

    private record Quarter(String q4, String q1, String grow, String retain, String done, String growKr) {
    }

    /** A Q4 that has ended, closed with two unachieved objectives and one achieved, and an open Q1. */
    private Quarter closedQuarter() {
        String q4 = api.cycle("Q4 " + UUID.randomUUID(), TODAY.minusDays(91).toString(), TODAY.minusDays(1).toString());
        String q1 = api.cycle("Q1 " + UUID.randomUUID(), TODAY.toString(), TODAY.plusDays(89).toString());
        Response grow = api.createObjective(q4, "Grow", List.of(Api.numeric("customers", 0, 100), Map.of("title", "launch", "type", "BOOLEAN")));
        String growKr = grow.path("keyResults[0].id");
        api.member().body(Map.of("value", 60, "confidence", 6)).post("/api/v1/key-results/" + growKr + "/check-ins").then().statusCode(201);
        String retain = api.createObjective(q4, "Retain", List.of(Api.numeric("churn", 10, 5))).path("id");
        Response done = api.createObjective(q4, "Done", List.of(Map.of("title", "ship", "type", "BOOLEAN")));
        api.member().body(Map.of("done", true, "confidence", 10)).post("/api/v1/key-results/" + done.path("keyResults[0].id") + "/check-ins")
                .then().statusCode(201);
        api.member().header("If-Match", "\"0\"").post("/api/v1/cycles/" + q4 + "/close").then().statusCode(200);
        return new Quarter(q4, q1, grow.path("id"), retain, done.path("id"), growKr);
    }

    private Response rollOver(String cycle, Map<String, Object> body) {
        return api.member().body(body).post("/api/v1/cycles/" + cycle + "/roll-over");
    }

    @Test
    void shouldCarryEveryUnachievedObjectiveOnceAndSaySoTheSecondTime() {
        Quarter q = closedQuarter();
        JsonPath first = rollOver(q.q4(), Map.of("targetCycleId", q.q1())).then().statusCode(200)
                .body("cycleId", equalTo(q.q4())).body("targetCycleId", equalTo(q.q1()))
                .body("rolledOver", equalTo(2)).body("alreadyRolledOver", equalTo(0)).body("achieved", equalTo(1))
                .body("items.objectiveId", contains(q.grow(), q.retain(), q.done()))
                .body("items.outcome", contains("ROLLED_OVER", "ROLLED_OVER", "ACHIEVED"))
                .body("items[2].copyId", nullValue())
                .extract().jsonPath();
        String growCopy = first.getString("items[0].copyId");

        // the copy starts where the original ended, in Q1, linked both ways
        api.viewer().get("/api/v1/objectives/" + growCopy).then().statusCode(200)
                .body("cycleId", equalTo(q.q1())).body("title", equalTo("Grow")).body("status", equalTo("ACTIVE"))
                .body("rolledOverFrom", equalTo(q.grow())).body("rolledOverTo", nullValue())
                .body("keyResults", hasSize(2)).body("keyResults[0].start", equalTo(60.0f)).body("keyResults[0].target", equalTo(100.0f))
                .body("keyResults[0].progress", equalTo(0.0f));
        api.viewer().get("/api/v1/objectives/" + q.grow()).then().body("rolledOverTo", equalTo(growCopy)).body("status", equalTo("CLOSED"));
        api.viewer().queryParam("cycleId", q.q1()).get("/api/v1/objectives").then().body("items", hasSize(2));

        // again: nothing changes, and the answer says what was carried before
        rollOver(q.q4(), Map.of("targetCycleId", q.q1())).then().statusCode(200)
                .body("rolledOver", equalTo(0)).body("alreadyRolledOver", equalTo(2)).body("achieved", equalTo(1))
                .body("items[0].outcome", equalTo("ALREADY_ROLLED_OVER")).body("items[0].copyId", equalTo(growCopy));
        api.viewer().queryParam("cycleId", q.q1()).get("/api/v1/objectives").then().body("items", hasSize(2));
        api.member().body(Map.of("cycleId", q.q1())).post("/api/v1/objectives/" + q.grow() + "/roll-over").then().statusCode(409)
                .contentType(PROBLEM).body("detail", containsString(growCopy));

        // once the copy is archived, the original may be carried again
        api.member().header("If-Match", "\"0\"").delete("/api/v1/objectives/" + growCopy).then().statusCode(204);
        api.viewer().get("/api/v1/objectives/" + q.grow()).then().body("rolledOverTo", nullValue());
        rollOver(q.q4(), Map.of("targetCycleId", q.q1(), "objectiveIds", List.of(q.grow(), q.grow()))).then().statusCode(200)
                .body("rolledOver", equalTo(1)).body("items", hasSize(1));
    }

    @Test
    void shouldCarryOnlyTheNamedObjectives() {
        Quarter q = closedQuarter();
        rollOver(q.q4(), Map.of("targetCycleId", q.q1(), "objectiveIds", List.of(q.retain()))).then().statusCode(200)
                .body("rolledOver", equalTo(1)).body("items.objectiveId", contains(q.retain()));
        rollOver(q.q4(), Map.of("targetCycleId", q.q1(), "objectiveIds", List.of(q.done()))).then().statusCode(200)
                .body("rolledOver", equalTo(0)).body("achieved", equalTo(1));
        rollOver(q.q4(), Map.of("targetCycleId", q.q1())).then().statusCode(200)
                .body("rolledOver", equalTo(1)).body("alreadyRolledOver", equalTo(1));
    }

    @Test
    void shouldCarryEachObjectiveOnceUnderConcurrentCalls() throws Exception {
        Quarter q = closedQuarter();
        List<CompletableFuture<Integer>> calls = List.of(1, 2, 3).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> rollOver(q.q4(), Map.of("targetCycleId", q.q1())).then().statusCode(200)
                        .extract().<Integer>path("rolledOver")))
                .toList();
        int carried = 0;
        for (CompletableFuture<Integer> call : calls) {
            carried += call.get();
        }
        assertEquals(2, carried);
        api.viewer().queryParam("cycleId", q.q1()).get("/api/v1/objectives").then().body("items", hasSize(2));
    }

    @Test
    void shouldRefuseWhatCannotBeRolledOver() {
        String open = api.currentCycle();
        String next = api.currentCycle();
        rollOver(open, Map.of("targetCycleId", next)).then().statusCode(409).contentType(PROBLEM).body("detail", containsString("close it first"));
        Quarter q = closedQuarter();
        rollOver(q.q4(), Map.of("targetCycleId", q.q4())).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("targetCycleId"));
        rollOver(q.q4(), Map.of("targetCycleId", UUID.randomUUID().toString())).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("targetCycleId"));
        rollOver(q.q4(), Map.of()).then().statusCode(400).contentType(PROBLEM);
        rollOver(q.q4(), Map.of("targetCycleId", q.q1(), "objectiveIds", List.of())).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("objectiveIds"));
        rollOver(q.q4(), Map.of("targetCycleId", "next quarter")).then().statusCode(400).contentType(PROBLEM);
        rollOver(q.q4(), Map.of("targetCycleId", q.q1(), "objectiveIds", List.of(UUID.randomUUID().toString()))).then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("objectiveIds[0]"));
        rollOver(q.q4(), Map.of("targetCycleId", q.q1(), "objectiveIds", List.of(q.grow(), "x\u0000"))).then().statusCode(400).contentType(PROBLEM);
        // the target closed: frozen
        String closed = api.cycle("closed " + UUID.randomUUID(), TODAY.minusDays(30).toString(), TODAY.minusDays(2).toString());
        api.member().header("If-Match", "\"0\"").post("/api/v1/cycles/" + closed + "/close").then().statusCode(200);
        rollOver(q.q4(), Map.of("targetCycleId", closed)).then().statusCode(409).contentType(PROBLEM);
        // another organisation's cycles do not exist here, either way
        Api other = new Api();
        String theirs = other.currentCycle();
        rollOver(q.q4(), Map.of("targetCycleId", theirs)).then().statusCode(400).contentType(PROBLEM);
        other.member().body(Map.of("targetCycleId", theirs)).post("/api/v1/cycles/" + q.q4() + "/roll-over").then().statusCode(404)
                .contentType(PROBLEM);
        api.viewer().body(Map.of("targetCycleId", q.q1())).post("/api/v1/cycles/" + q.q4() + "/roll-over").then().statusCode(403);
        // nothing was carried by any of it
        api.viewer().queryParam("cycleId", q.q1()).get("/api/v1/objectives").then().body("items", hasSize(0));
    }
}

package dev.okr.objectives.history;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.okr.contracts.Topics;
import dev.okr.objectives.Api;
import dev.okr.objectives.ObjectivesInfra;
import dev.okr.testsupport.KafkaRecords;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * An objective written down late: its cycle began 30 days ago, its check-ins are dated back. Its key results' and its own
 * progress over time follow the dates the check-ins speak for, with exact values.
 */
@QuarkusTest
@WithTestResource(ObjectivesInfra.class)
class ProgressHistoryApiTest {

    private static final String PROBLEM = "application/problem+json";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private final Api api = new Api();

    private static String noon(int daysAgo) {
        return TODAY.minusDays(daysAgo).atTime(12, 0).toInstant(ZoneOffset.UTC).toString();
    }

    /** The progress the cycle (today − 30 to today + 60: 91 days) expects by the end of the day {@code daysAgo}. */
    private static float expectedAfter(int daysAgo) {
        return (float) (Math.round((31 - daysAgo) / 91.0 * 10_000) / 10_000.0);
    }

    private Response checkIn(String kr, double value, int confidence, String at) {
        Map<String, Object> body = at == null ? Map.of("value", value, "confidence", confidence)
                : Map.of("value", value, "confidence", confidence, "checkedInAt", at);
        return api.member().body(body).post("/api/v1/key-results/" + kr + "/check-ins");
    }

    @Test
    void shouldFollowCheckInsDatedInThePast() {
        String cycle = api.currentCycle();
        Response created = api.createObjective(cycle, "Grow", List.of(Api.numeric("customers", 0, 100), Api.numeric("partners", 0, 10)));
        String id = created.path("id");
        String customers = created.path("keyResults[0].id");
        String partners = created.path("keyResults[1].id");

        // "I forgot to check in": 40 dated ten days ago is the latest, so the key result takes it
        checkIn(customers, 40, 6, noon(10)).then().statusCode(201)
                .body("checkIn.checkedInAt", equalTo(noon(10))).body("checkIn.value", equalTo(40.0f))
                .body("keyResult.currentValue", equalTo(40.0f)).body("keyResult.lastCheckInAt", equalTo(noon(10)));
        // 20, dated twenty days ago, is history only: the key result stays at 40
        checkIn(customers, 20, 4, noon(20)).then().statusCode(201)
                .body("checkIn.value", equalTo(20.0f)).body("checkIn.progress", equalTo(0.2f))
                .body("keyResult.currentValue", equalTo(40.0f)).body("keyResult.confidence", equalTo(6))
                .body("keyResult.lastCheckInAt", equalTo(noon(10)));
        checkIn(partners, 5, 8, null).then().statusCode(201).body("keyResult.progress", equalTo(0.5f));
        api.viewer().get("/api/v1/objectives/" + id).then().body("progress", equalTo(0.45f));

        // the events say since when their state is true: the check-in's date when it became the latest, else when recorded
        var events = KafkaRecords.await(Api.bootstrap(), Topics.OBJECTIVES, r -> id.equals(r.key()), 4, Duration.ofSeconds(10));
        assertTrue(events.get(1).value().contains("\"effectiveAt\":\"" + noon(10) + "\""), events.get(1).value());
        assertTrue(!events.get(2).value().contains(noon(20)) && events.get(2).value().contains("\"effectiveAt\":\"" + TODAY),
                events.get(2).value());

        // a check-in dated before another key result's latest speaks for the objective from that one's date on
        Response two = api.createObjective(cycle, "Two sides", List.of(Api.numeric("a", 0, 10), Api.numeric("b", 0, 10)));
        String twoId = two.path("id");
        checkIn(two.path("keyResults[0].id"), 5, 7, noon(5)).then().statusCode(201);
        checkIn(two.path("keyResults[1].id"), 3, 7, noon(12)).then().statusCode(201);
        var twoEvents = KafkaRecords.await(Api.bootstrap(), Topics.OBJECTIVES, r -> twoId.equals(r.key()), 3, Duration.ofSeconds(10));
        assertTrue(twoEvents.get(1).value().contains("\"effectiveAt\":\"" + noon(5) + "\""), twoEvents.get(1).value());
        assertTrue(twoEvents.get(2).value().contains("\"effectiveAt\":\"" + noon(5) + "\""), twoEvents.get(2).value());

        // the check-ins, the latest dated first
        api.viewer().get("/api/v1/key-results/" + customers + "/check-ins").then().statusCode(200)
                .body("items.value", equalTo(List.of(40.0f, 20.0f))).body("items[1].checkedInAt", equalTo(noon(20)));

        String range = "?from=" + TODAY.minusDays(25) + "&to=" + TODAY;
        Response kr = api.viewer().get("/api/v1/key-results/" + customers + "/history" + range);
        kr.then().statusCode(200).body("id", equalTo(customers)).body("bucket", equalTo("DAY")).body("points", hasSize(26))
                .body("points[0].start", equalTo(TODAY.minusDays(25).toString())).body("points[0].progress", nullValue())
                .body("points[0].health", nullValue())
                .body("points[5].progress", equalTo(0.2f)).body("points[5].value", equalTo(20.0f)).body("points[5].confidence", equalTo(4))
                .body("points[5].carried", equalTo(false)).body("points[5].expected", equalTo(expectedAfter(20)))
                .body("points[6].progress", equalTo(0.2f)).body("points[6].carried", equalTo(true))
                .body("points[15].progress", equalTo(0.4f)).body("points[15].confidence", equalTo(6))
                .body("points[25].progress", equalTo(0.4f)).body("points[25].value", equalTo(40.0f));

        // the objective: both key results were created with it, so partners counts (at 0) from the first check-in's date
        Response objective = api.viewer().get("/api/v1/objectives/" + id + "/history" + range);
        objective.then().statusCode(200).body("points", hasSize(26))
                .body("points[4].progress", nullValue())
                .body("points[5].progress", equalTo(0.1f)).body("points[5].health", equalTo("ON_TRACK"))
                .body("points[5].expected", equalTo(expectedAfter(20))).body("points[5].confidence", equalTo(4))
                .body("points[14].progress", equalTo(0.1f)).body("points[14].carried", equalTo(true))
                .body("points[15].progress", equalTo(0.2f))
                .body("points[25].progress", equalTo(0.45f)).body("points[25].confidence", equalTo(8)).body("points[25].score", nullValue());
        // still at 0.1 eleven days ago, when the cycle expected 0.2198: more than 10 points behind
        assertEquals(expectedAfter(11), (float) objective.path("points[14].expected"));
        assertEquals("AT_RISK", objective.path("points[14].health"));

        // as it stood fifteen days ago: customers at 20 (dated twenty days ago), partners at 0, the latest confidence 4
        String fifteenDaysAgo = TODAY.minusDays(15).toString();
        Response then = api.viewer().get("/api/v1/objectives/" + id + "?asOf=" + fifteenDaysAgo);
        then.then().statusCode(200).header("Cache-Control", equalTo("no-store")).header("ETag", nullValue())
                .body("progress", equalTo(0.1f)).body("health", equalTo("ON_TRACK")).body("status", equalTo("ACTIVE"))
                .body("rollupProgress", nullValue()).body("keyResults", hasSize(2))
                .body("keyResults[0].currentValue", equalTo(20.0f)).body("keyResults[0].progress", equalTo(0.2f))
                .body("keyResults[0].confidence", equalTo(4)).body("keyResults[0].lastCheckInAt", equalTo(noon(20)))
                .body("keyResults[1].currentValue", equalTo(0.0f)).body("keyResults[1].confidence", nullValue())
                .body("keyResults[1].nextCheckInDue", nullValue());
        api.viewer().get("/api/v1/key-results/" + customers + "?asOf=" + fifteenDaysAgo).then().statusCode(200)
                .body("currentValue", equalTo(20.0f)).body("title", equalTo("customers"));
        // before anything was recorded; in the future; not a moment
        api.viewer().get("/api/v1/objectives/" + id + "?asOf=" + TODAY.minusDays(25)).then().statusCode(404).contentType(PROBLEM);
        api.viewer().get("/api/v1/key-results/" + partners + "?asOf=" + TODAY.minusDays(25)).then().statusCode(404).contentType(PROBLEM);
        api.viewer().get("/api/v1/objectives/" + id + "?asOf=" + TODAY.plusDays(2)).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("asOf"));
        api.viewer().get("/api/v1/objectives/" + id + "?asOf=last-week").then().statusCode(400).body("errors[0].field", equalTo("asOf"));
        new Api().viewer().get("/api/v1/objectives/" + id + "?asOf=" + fifteenDaysAgo).then().statusCode(404);
        // the list as of a moment: each objective as it stood then, those without history then left out
        String other = api.createObjective(cycle, "Hire", List.of(Api.numeric("engineers", 0, 5))).path("id");
        api.viewer().get("/api/v1/objectives?cycleId=" + cycle + "&asOf=" + fifteenDaysAgo).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(id)).body("items[0].progress", equalTo(0.1f));
        api.viewer().get("/api/v1/objectives?cycleId=" + cycle).then().body("items.id", equalTo(List.of(id, twoId, other)));
        // archived today: gone from the list now, there as it stood three days ago
        String twoTag = api.viewer().get("/api/v1/objectives/" + twoId).header("ETag");
        api.member().header("If-Match", twoTag).delete("/api/v1/objectives/" + twoId).then().statusCode(204);
        api.viewer().get("/api/v1/objectives?cycleId=" + cycle).then().body("items.id", equalTo(List.of(id, other)));
        api.viewer().get("/api/v1/objectives?cycleId=" + cycle + "&asOf=" + TODAY.minusDays(3)).then().statusCode(200)
                .body("items.id", equalTo(List.of(id, twoId))).body("items[1].status", equalTo("ACTIVE"));
        api.viewer().get("/api/v1/objectives?cycleId=" + cycle + "&asOf=" + fifteenDaysAgo + "&health=ON_TRACK").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("health"));
        api.viewer().get("/api/v1/objectives?cycleId=" + cycle + "&asOf=" + TODAY.plusDays(1)).then().statusCode(400)
                .body("errors[0].field", equalTo("asOf"));

        // by week: Monday to Sunday, the last read now
        api.viewer().get("/api/v1/objectives/" + id + "/history" + range + "&bucket=week").then().statusCode(200)
                .body("bucket", equalTo("WEEK")).body("points[-1].progress", equalTo(0.45f));
        // the default: the cycle's first day to today
        api.viewer().get("/api/v1/objectives/" + id + "/history").then().statusCode(200)
                .body("from", equalTo(TODAY.minusDays(30).toString())).body("to", equalTo(TODAY.toString())).body("points", hasSize(31));
    }

    @Test
    void shouldRefuseWhatCannotBeAnsweredAndHideOtherOrganisations() {
        String cycle = api.currentCycle();
        Response created = api.createObjective(cycle, "Grow", List.of(Api.numeric("customers", 0, 100)));
        String id = created.path("id");
        String kr = created.path("keyResults[0].id");

        checkIn(kr, 10, 5, Instant.now().plusSeconds(3600).toString()).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("checkedInAt")).body("errors[0].message", containsString("in the future"));
        checkIn(kr, 10, 5, noon(31)).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("checkedInAt")).body("errors[0].message", containsString("before the cycle began"));
        api.member().body("{\"value\": 10, \"confidence\": 5, \"checkedInAt\": \"last friday\"}")
                .post("/api/v1/key-results/" + kr + "/check-ins").then().statusCode(400).contentType(PROBLEM);
        api.viewer().get("/api/v1/key-results/" + kr + "/check-ins").then().body("items", hasSize(0));

        String history = "/api/v1/objectives/" + id + "/history";
        api.viewer().get(history + "?bucket=MONTH").then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("bucket"));
        api.viewer().get(history + "?from=yesterday").then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("from"));
        api.viewer().urlEncodingEnabled(false).get(history + "?from=2026-10-01%00").then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("from"));
        api.viewer().get(history + "?from=" + TODAY + "&to=" + TODAY.minusDays(1)).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("to"));
        api.viewer().get(history + "?from=2000-01-01&to=2026-01-01").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].message", containsString("at most 731"));
        api.viewer().get(history + "?from=+999999999-01-01").then().statusCode(400).contentType(PROBLEM);
        api.viewer().urlEncodingEnabled(false).get(history + "?from=%2B1000000000-01-01T00:00:00Z").then().statusCode(400).contentType(PROBLEM);

        Api other = new Api();
        other.viewer().get(history).then().statusCode(404).contentType(PROBLEM);
        other.viewer().get("/api/v1/key-results/" + kr + "/history").then().statusCode(404).contentType(PROBLEM);
        other.member().body(Map.of("value", 1, "confidence", 5, "checkedInAt", noon(1))).post("/api/v1/key-results/" + kr + "/check-ins")
                .then().statusCode(404);
    }

    @Test
    void shouldKeepTheLatestDatedValueWhenBackDatedCheckInsArriveTogether() throws Exception {
        String cycle = api.currentCycle();
        Response created = api.createObjective(cycle, "Grow", List.of(Api.numeric("customers", 0, 100)));
        String kr = created.path("keyResults[0].id");

        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int daysAgo = 1; daysAgo <= 12; daysAgo++) {
            int value = 100 - daysAgo; // the more recent, the higher
            String at = noon(daysAgo);
            answers.add(pool.submit(() -> checkIn(kr, value, 5, at).statusCode()));
        }
        for (Future<Integer> answer : answers) {
            assertEquals(201, answer.get());
        }
        pool.shutdown();

        api.viewer().get("/api/v1/objectives/" + created.path("id")).then().body("keyResults[0].currentValue", equalTo(99.0f))
                .body("keyResults[0].lastCheckInAt", equalTo(noon(1)));
        api.viewer().get("/api/v1/key-results/" + kr + "/check-ins?limit=20").then().body("items", hasSize(12))
                .body("items[0].value", equalTo(99.0f)).body("items[11].value", equalTo(88.0f));
        Response series = api.viewer().get("/api/v1/key-results/" + kr + "/history?from=" + TODAY.minusDays(12));
        for (int daysAgo = 12; daysAgo >= 1; daysAgo--) {
            series.then().log().ifValidationFails().body("points[" + (12 - daysAgo) + "].value", equalTo((float) (100 - daysAgo)));
        }
        series.then().body("points[12].value", equalTo(99.0f));
    }

    @Test
    void shouldCountAKeyResultCreatedWithItsObjectiveAtItsFirstValueAsOfAnyMoment() {
        String cycle = api.currentCycle();
        Map<String, Object> halfway = new java.util.HashMap<>(Api.numeric("partners", 0, 10));
        halfway.put("currentValue", 5);
        Response created = api.createObjective(cycle, "Grow", List.of(Api.numeric("customers", 0, 100), halfway));
        String id = created.path("id");
        checkIn(created.path("keyResults[0].id"), 20, 6, noon(20)).then().statusCode(201);
        // fifteen days ago: customers at 20 (0.2), partners at its first value, 5 (0.5): the same as of then and in the series
        api.viewer().get("/api/v1/objectives/" + id + "?asOf=" + TODAY.minusDays(14)).then().statusCode(200)
                .body("progress", equalTo(0.35f)).body("keyResults[1].currentValue", equalTo(5.0f));
        api.viewer().get("/api/v1/objectives/" + id + "/history?from=" + TODAY.minusDays(15) + "&to=" + TODAY.minusDays(15)).then()
                .statusCode(200).body("points[0].progress", equalTo(0.35f));
    }
}

package dev.okr.objectives.settings;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.okr.contracts.Topics;
import dev.okr.objectives.Api;
import dev.okr.objectives.ObjectivesInfra;
import dev.okr.objectives.objective.HealthSweep;
import dev.okr.testsupport.KafkaRecords;
import dev.okr.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(ObjectivesInfra.class)
class SettingsAndSweepTest {

    @Inject
    HealthSweep sweep;

    private final Api api = new Api();

    private io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin(api.org)).contentType(ContentType.JSON);
    }

    @Test
    void shouldLetAnAdminTightenTheThresholds() {
        api.viewer().get("/api/v1/settings/okr").then().statusCode(200).header("ETag", equalTo("\"0\""))
                .body("onTrackMargin", equalTo(0.1f)).body("atRiskMargin", equalTo(0.25f))
                .body("lowConfidence", equalTo(3)).body("aspirationalAchieved", equalTo(0.7f));

        String kr = api.createObjective(api.currentCycle(), "Grow", List.of(Api.numeric("n", 0, 10))).path("keyResults[0].id");
        api.member().body(Map.of("value", 10, "confidence", 5)).post("/api/v1/key-results/" + kr + "/check-ins")
                .then().statusCode(201).body("keyResult.health", equalTo("ON_TRACK"));

        Map<String, Object> strict = Map.of("onTrackMargin", 0.05, "atRiskMargin", 0.15, "lowConfidence", 5, "aspirationalAchieved", 0.8);
        api.member().header("If-Match", "\"0\"").body(strict).put("/api/v1/settings/okr").then().statusCode(403);
        admin().body(strict).put("/api/v1/settings/okr").then().statusCode(428);
        admin().header("If-Match", "\"0\"").body(Map.of("onTrackMargin", 0.3, "atRiskMargin", 0.2, "lowConfidence", 3,
                "aspirationalAchieved", 0.7)).put("/api/v1/settings/okr").then().statusCode(400)
                .body("errors[0].field", equalTo("atRiskMargin"));
        admin().header("If-Match", "\"0\"").body(strict).put("/api/v1/settings/okr").then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("lowConfidence", equalTo(5));
        admin().header("If-Match", "\"0\"").body(strict).put("/api/v1/settings/okr").then().statusCode(412);

        // a confidence of 5 is now low: the same key result is at risk, computed on read
        api.viewer().get("/api/v1/key-results/" + kr + "/check-ins").then().statusCode(200);
        String objective = api.viewer().get("/api/v1/objectives").path("items[0].id");
        api.viewer().get("/api/v1/objectives/" + objective).then().body("keyResults[0].health", equalTo("AT_RISK"))
                .body("health", equalTo("AT_RISK"));
    }

    @Test
    void shouldRefreshStoredHealthAsTimePassesAndPublishTheChange() throws Throwable {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        var cycle = api.member().body(Map.of("name", "later", "startDate", today.plusDays(10).toString(),
                "endDate", today.plusDays(100).toString())).post("/api/v1/cycles");
        String cycleId = cycle.path("id");
        String id = api.createObjective(cycleId, "Sitting still", List.of(Api.numeric("n", 0, 10))).then().statusCode(201)
                .body("health", equalTo("NOT_STARTED")).extract().path("id");

        // the cycle is moved so that it started 60 days ago: reads see it at once, the stored health does not yet
        api.member().header("If-Match", "\"0\"").body(Map.of("name", "later", "startDate", today.minusDays(60).toString(),
                "endDate", today.plusDays(30).toString())).put("/api/v1/cycles/" + cycleId).then().statusCode(200);
        api.viewer().get("/api/v1/objectives/" + id).then().body("health", equalTo("OFF_TRACK"));
        api.viewer().queryParam("health", "NOT_STARTED").get("/api/v1/objectives").then().body("items.id", hasItem(id));

        int changed = VertxContextSupport.subscribeAndAwait(() -> sweep.sweep());
        assertTrue(changed >= 1, "the sweep changed " + changed);
        api.viewer().queryParam("health", "NOT_STARTED").get("/api/v1/objectives").then().body("items.id", not(hasItem(id)));
        api.viewer().queryParam("health", "OFF_TRACK").get("/api/v1/objectives").then().body("items.id", hasItem(id));
        assertEquals(0, VertxContextSupport.subscribeAndAwait(() -> sweep.sweep()), "nothing more to change");

        var events = KafkaRecords.await(Api.bootstrap(), Topics.OBJECTIVES, r -> id.equals(r.key()), 2, Duration.ofSeconds(30));
        assertEquals(2, events.size());
        assertTrue(events.get(1).value().contains("\"health\":\"OFF_TRACK\""), events.get(1).value());
    }
}

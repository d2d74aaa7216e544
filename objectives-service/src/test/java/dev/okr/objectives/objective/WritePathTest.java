package dev.okr.objectives.objective;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.okr.contracts.Topics;
import dev.okr.objectives.Api;
import dev.okr.objectives.ObjectivesInfra;
import dev.okr.testsupport.KafkaRecords;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every change of an objective goes through one write path that locks its row: check-ins from many people and
 * roll-ups arriving at the same moment all land, one after the other, each once, without a conflict or a retry.
 */
@QuarkusTest
@WithTestResource(ObjectivesInfra.class)
class WritePathTest {

    private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+),\"createdAt\"");

    private final Api api = new Api();

    @Test
    void shouldLetCheckInsAndRollupsOnOneObjectiveTakeTurns() throws Exception {
        String cycle = api.currentCycle();
        var created = api.createObjective(cycle, "Grow revenue", List.of(Api.numeric("a", 0, 100), Api.numeric("b", 0, 100)));
        String id = created.path("id");
        List<String> krs = created.path("keyResults.id");

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> checkIns = new ArrayList<>();
        for (int i = 1; i <= 16; i++) {
            String kr = krs.get(i % 2);
            int value = i;
            checkIns.add(pool.submit(() -> api.member().body(Map.of("value", value, "confidence", 7))
                    .post("/api/v1/key-results/" + kr + "/check-ins").statusCode()));
        }
        for (int v = 1; v <= 10; v++) {
            sendRollup(id, v / 100.0, v);
        }
        for (Future<Integer> status : checkIns) {
            assertEquals(201, status.get());
        }
        pool.shutdown();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer()
                .get("/api/v1/objectives/" + id).then().body("rollupProgress", equalTo(0.1f)));
        int history = krs.stream().mapToInt(kr -> api.viewer().get("/api/v1/key-results/" + kr + "/check-ins?limit=100")
                .then().statusCode(200).extract().path("items.size()")).sum();
        assertEquals(16, history);

        // created, 16 check-ins and 10 roll-ups: 27 events, versions 0 to 26, each once
        var events = KafkaRecords.await(Api.bootstrap(), Topics.OBJECTIVES, r -> id.equals(r.key()), 27, Duration.ofSeconds(30));
        TreeSet<Integer> versions = new TreeSet<>();
        for (var event : events) {
            Matcher m = VERSION.matcher(event.value());
            if (m.find()) {
                versions.add(Integer.parseInt(m.group(1)));
            }
        }
        assertEquals(27, events.size());
        assertEquals(27, versions.size());
        assertEquals(26, versions.last());
    }

    @Test
    void shouldKeepTheETagOfWhatAClientEditsWhenOnlyComputedValuesMove() {
        String cycle = api.currentCycle();
        var created = api.createObjective(cycle, "Grow revenue", List.of(Api.numeric("a", 0, 100)));
        String id = created.path("id");
        String kr = created.path("keyResults[0].id");
        String objectiveTag = created.header("ETag");
        String keyResultTag = api.viewer().get("/api/v1/objectives/" + id).path("keyResults[0].version").toString();

        // three roll-ups move what the objective shows, as a CRM's pushes would through a KPI
        for (int v = 1; v <= 3; v++) {
            sendRollup(id, v / 10.0, v);
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer()
                .get("/api/v1/objectives/" + id).then().body("rollupProgress", equalTo(0.3f)).header("ETag", objectiveTag));
        // the description edited on what was read before still applies
        api.member().header("If-Match", objectiveTag).body(Map.of("description", "by Q4"))
                .patch("/api/v1/objectives/" + id).then().statusCode(200).header("ETag", "\"1\"");

        // a check-in is a person's edit of the key result: its ETag moves, the objective's does not
        api.member().body(Map.of("value", 10, "confidence", 7)).post("/api/v1/key-results/" + kr + "/check-ins")
                .then().statusCode(201);
        api.viewer().get("/api/v1/objectives/" + id).then().header("ETag", "\"1\"")
                .body("keyResults[0].version", equalTo(Integer.parseInt(keyResultTag) + 1));
        api.member().header("If-Match", "\"" + keyResultTag + "\"").body(Api.numeric("a", 0, 200))
                .put("/api/v1/key-results/" + kr).then().statusCode(412);
    }

    private void sendRollup(String objective, double progress, long version) {
        KafkaRecords.send(Api.bootstrap(), Topics.ALIGNMENT, objective, """
                {"specversion":"1.0","id":"%s","type":"dev.okr.rollup.changed","source":"/alignment-service",
                 "subject":"%s","time":"2026-11-27T09:00:00Z","orgid":"%s",
                 "data":{"objectiveId":"%s","organisationId":"%s","rollupProgress":%s,"alignedChildren":1,"version":%d}}"""
                .formatted(UUID.randomUUID(), objective, api.org, objective, api.org, progress, version));
    }
}

package dev.okr.objectives.alignment;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.okr.contracts.Topics;
import dev.okr.objectives.Api;
import dev.okr.objectives.ObjectivesInfra;
import dev.okr.testsupport.KafkaRecords;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** An objective without key results takes the roll-up of the objectives aligned under it. */
@QuarkusTest
@WithTestResource(ObjectivesInfra.class)
class RollupTest {

    private final Api api = new Api();

    private void rollup(String objective, double progress, long version) {
        KafkaRecords.send(Api.bootstrap(), Topics.ALIGNMENT, objective, """
                {"specversion":"1.0","id":"%s","type":"dev.okr.rollup.changed","source":"/alignment-service",
                 "subject":"%s","time":"2026-11-27T09:00:00Z","orgid":"%s",
                 "data":{"objectiveId":"%s","organisationId":"%s","rollupProgress":%s,"alignedChildren":2,"version":%d}}"""
                .formatted(UUID.randomUUID(), objective, api.org, objective, api.org, progress, version));
    }

    @Test
    void shouldTakeTheRollupAsProgressWithoutKeyResultsAndIgnoreOlderOnes() {
        String cycle = api.currentCycle();
        String company = api.createObjective(cycle, "Become the market leader in SaaS", List.of()).path("id");
        String withKrs = api.createObjective(cycle, "Build a high-performance website", List.of(Api.numeric("n", 0, 10))).path("id");

        rollup(company, 0.0625, 3);
        rollup(company, 0.5, 2); // older: ignored
        rollup(withKrs, 0.4, 1);
        rollup(company, 0.0625, 4); // marker: same value, newer version

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer().get("/api/v1/objectives/" + company)
                .then().body("rollupProgress", equalTo(0.0625f)).body("progress", equalTo(0.0625f)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer().get("/api/v1/objectives/" + withKrs)
                .then().body("rollupProgress", equalTo(0.4f)).body("progress", equalTo(0.0f)));
        // one event for the creation, one for the roll-up 0.0625; the older and the unchanged ones publish nothing
        var events = KafkaRecords.await(Api.bootstrap(), Topics.OBJECTIVES, r -> company.equals(r.key()), 3, Duration.ofSeconds(5));
        org.junit.jupiter.api.Assertions.assertEquals(2, events.size());
        // the roll-up's event says so, and alignment-service, which computed it, need not apply it back
        org.junit.jupiter.api.Assertions.assertTrue(events.get(1).value().contains("\"type\":\"dev.okr.objective.rolled-up\""),
                events.get(1).value());
    }
}

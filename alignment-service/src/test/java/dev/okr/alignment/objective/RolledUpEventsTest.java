package dev.okr.alignment.objective;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.okr.alignment.AlignmentInfra;
import dev.okr.contracts.Topics;
import dev.okr.testsupport.KafkaRecords;
import dev.okr.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The event objectives-service publishes when it takes a roll-up this service computed comes back here: it is
 * acknowledged without a transaction unless the objective's health moved with it.
 */
@QuarkusTest
@WithTestResource(AlignmentInfra.class)
class RolledUpEventsTest {

    private final String org = UUID.randomUUID().toString();
    private final String cycle = UUID.randomUUID().toString();

    @Inject
    Pool pool;

    private String send(String objective, String type, String title, String health, String previousHealth, long version) {
        String eventId = UUID.randomUUID().toString();
        KafkaRecords.send(ConfigProvider.getConfig().getValue("okr.test.kafka.bootstrap", String.class), Topics.OBJECTIVES, objective, """
                {"specversion":"1.0","id":"%s","type":"%s","source":"/objectives-service","subject":"%s",
                 "time":"2026-11-27T09:00:00Z","orgid":"%s","data":{"id":"%s","cycleId":"%s","title":"%s",
                 "owner":{"type":"UNIT","id":"x"},"status":"ACTIVE","progress":0.5,"health":"%s","previousHealth":"%s",
                 "keyResults":[],"rollupProgress":0.5,"version":%d}}"""
                .formatted(eventId, type, objective, org, objective, cycle, title, health, previousHealth, version));
        return eventId;
    }

    private boolean processed(String eventId) {
        return pool.preparedQuery("select 1 from processed_event where event_id = $1").execute(Tuple.of(eventId))
                .await().atMost(Duration.ofSeconds(10)).size() == 1;
    }

    private String title(String objective) {
        return given().auth().oauth2(TestTokens.viewer(org)).queryParam("depth", 1)
                .get("/api/v1/alignment/objectives/" + objective + "/tree").then().statusCode(200).extract().path("title");
    }

    @Test
    void shouldAcknowledgeARollUpComingBackWithoutApplyingItUnlessTheHealthMoved() {
        String objective = UUID.randomUUID().toString();
        String created = send(objective, "dev.okr.objective.created", "Launch", "ON_TRACK", "ON_TRACK", 0);
        // the same health: nothing to apply (the title here stands for anything the event would have changed)
        String echo = send(objective, "dev.okr.objective.rolled-up", "Echo", "ON_TRACK", "ON_TRACK", 1);
        // events of one objective arrive in order: once this one is processed, the echo has been seen
        String marker = send(objective, "dev.okr.objective.checked-in", "Launch", "ON_TRACK", "ON_TRACK", 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(marker));
        assertEquals(true, processed(created));
        assertEquals(false, processed(echo), "the echo was acknowledged without a transaction");
        assertEquals("Launch", title(objective));

        // the roll-up moved the objective's health: that is applied
        String moved = send(objective, "dev.okr.objective.rolled-up", "Launch", "AT_RISK", "ON_TRACK", 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(moved));
        given().auth().oauth2(TestTokens.viewer(org)).queryParam("depth", 1).get("/api/v1/alignment/objectives/" + objective + "/tree")
                .then().statusCode(200).body("health", equalTo("AT_RISK"));
    }
}

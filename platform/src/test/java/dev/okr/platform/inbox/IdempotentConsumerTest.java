package dev.okr.platform.inbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.okr.platform.testapp.Notes;
import dev.okr.platform.testapp.PlatformInfra;
import dev.okr.testsupport.KafkaRecords;
import dev.okr.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
@WithTestResource(PlatformInfra.class)
class IdempotentConsumerTest {

    private static String event(String id, String subject) {
        return """
                {"specversion":"1.0","id":"%s","type":"dev.okr.test.note.created","source":"/test",
                 "subject":"%s","time":"2026-11-27T08:00:00Z","datacontenttype":"application/json",
                 "data":{"id":"%s","text":"redelivered","version":1}}""".formatted(id, subject, subject);
    }

    private static void awaitTally(String noteId, int applied) {
        String org = Notes.newOrg();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.viewer(org)).get("/test/notes/" + noteId + "/tally")
                        .then().statusCode(200).body("applied", equalTo(applied)));
    }

    @Inject
    Pool pool;

    /** Whether the consumer has recorded the event as processed (in the same transaction as its effect). */
    private boolean processed(String eventId) {
        return pool.preparedQuery("select 1 from processed_event where event_id = $1").execute(Tuple.of(eventId))
                .await().atMost(Duration.ofSeconds(10)).size() == 1;
    }

    @Test
    void shouldApplyAnEventDeliveredTwiceOnlyOnce() {
        String note = UUID.randomUUID().toString();
        String first = event(UUID.randomUUID().toString(), note);
        KafkaRecords.send(Notes.bootstrap(), Notes.TOPIC, note, first);
        KafkaRecords.send(Notes.bootstrap(), Notes.TOPIC, note, first);
        // a different event after the duplicate, on the same key (so the same partition, in order):
        // once it is processed, the duplicate before it has been seen too — and only then is the tally final
        String lastId = UUID.randomUUID().toString();
        KafkaRecords.send(Notes.bootstrap(), Notes.TOPIC, note, event(lastId, note));
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(lastId));

        // a consumer that applied the duplicate would stand at 3 here, not pass through 2 on its way
        String org = Notes.newOrg();
        given().auth().oauth2(TestTokens.viewer(org)).get("/test/notes/" + note + "/tally")
                .then().statusCode(200).body("applied", equalTo(2));
    }

    @Test
    void shouldSendAnUndecodableRecordToTheDeadLetterTopicAndKeepConsuming() {
        String note = UUID.randomUUID().toString();
        String poison = "this is not a CloudEvent " + UUID.randomUUID();
        KafkaRecords.send(Notes.bootstrap(), Notes.TOPIC, note, poison);
        KafkaRecords.send(Notes.bootstrap(), Notes.TOPIC, note, "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\"}");
        KafkaRecords.send(Notes.bootstrap(), Notes.TOPIC, note, event(UUID.randomUUID().toString(), note));

        awaitTally(note, 1);
        assertEquals(2, KafkaRecords.await(Notes.bootstrap(), Notes.TOPIC + ".dlq", r -> note.equals(r.key()), 2,
                Duration.ofSeconds(30)).size(), "both undecodable records are on the dead-letter topic");
    }
}

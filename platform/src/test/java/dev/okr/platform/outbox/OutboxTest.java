package dev.okr.platform.outbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.okr.platform.testapp.Notes;
import dev.okr.platform.testapp.PlatformInfra;
import dev.okr.testsupport.KafkaRecords;
import dev.okr.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(PlatformInfra.class)
class OutboxTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shouldPublishAnEventRecordedInACommittedTransactionExactlyOnceAsACloudEvent() throws Exception {
        String org = Notes.newOrg();
        String id = Notes.create(org, "committed");

        List<ConsumerRecord<String, String>> records = KafkaRecords.await(Notes.bootstrap(), Notes.TOPIC,
                r -> id.equals(r.key()), 1, Duration.ofSeconds(30));

        assertEquals(1, records.size(), "one event per committed change, no duplicate");
        ConsumerRecord<String, String> record = records.get(0);
        JsonNode event = json.readTree(record.value());
        assertEquals("1.0", event.get("specversion").asText());
        assertEquals("dev.okr.test.note.created", event.get("type").asText());
        assertEquals("/platform-test", event.get("source").asText());
        assertEquals(id, event.get("subject").asText());
        assertEquals(org, event.get("orgid").asText());
        assertEquals("committed", event.get("data").get("text").asText());
        assertEquals(0, event.get("data").get("version").asLong());
        UUID.fromString(event.get("id").asText());
        assertEquals("application/cloudevents+json; charset=UTF-8",
                new String(record.headers().lastHeader("content-type").value()));
    }

    @Test
    void shouldNeverPublishAnEventWhoseTransactionRolledBack() {
        String org = Notes.newOrg();
        String marker = "rolled-back-" + UUID.randomUUID();
        given().auth().oauth2(TestTokens.member(org)).contentType(ContentType.JSON)
                .body(Map.of("text", marker, "weight", 1))
                .queryParam("failAfterRecording", true)
                .when().post("/test/notes")
                .then().statusCode(500).contentType("application/problem+json");

        // an event committed after the rolled-back one: once it has arrived, the relay has passed the point
        // where the rolled-back event would have been published
        String after = Notes.create(org, "after-" + marker);
        List<ConsumerRecord<String, String>> records = KafkaRecords.await(Notes.bootstrap(), Notes.TOPIC,
                r -> after.equals(r.key()) || r.value().contains(marker), 1, Duration.ofSeconds(30));

        assertTrue(records.stream().anyMatch(r -> after.equals(r.key())), "the committed event arrived");
        assertTrue(records.stream().noneMatch(r -> r.value().contains("\"" + marker + "\"")),
                "the rolled-back event was never published");
        given().auth().oauth2(TestTokens.member(org)).when().get("/test/notes/" + after).then().statusCode(200);
    }
}

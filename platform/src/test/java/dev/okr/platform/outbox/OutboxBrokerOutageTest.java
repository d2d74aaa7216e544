package dev.okr.platform.outbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.okr.platform.testapp.Notes;
import dev.okr.platform.testapp.PlatformOwnBrokerInfra;
import dev.okr.testsupport.KafkaControl;
import dev.okr.testsupport.KafkaRecords;
import dev.okr.testsupport.TestPostgres;
import dev.okr.testsupport.TestTokens;
import io.quarkus.logging.Log;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(PlatformOwnBrokerInfra.class)
class OutboxBrokerOutageTest {

    private static final int EVENTS = 20;

    @Test
    void shouldDeliverEveryEventRecordedWhileTheBrokerWasDownOnceItIsBack() throws Exception {
        String org = Notes.newOrg();
        String warmUp = Notes.create(org, "before the outage");
        assertEquals(1, KafkaRecords.await(Notes.bootstrap(), Notes.TOPIC, r -> warmUp.equals(r.key()), 1,
                Duration.ofSeconds(30)).size());

        KafkaControl.stopBroker();
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 0; i < EVENTS; i++) {
                ids.add(Notes.create(org, "during the outage " + i)); // writes do not need the broker
            }
            assertEquals(EVENTS, pendingRows(ids), "every event is kept in the outbox while the broker is away");
        } finally {
            KafkaControl.startBroker();
        }

        Set<String> wanted = Set.copyOf(ids);
        List<ConsumerRecord<String, String>> delivered = KafkaRecords.collect(Notes.bootstrap(), Notes.TOPIC,
                r -> wanted.contains(r.key()),
                found -> found.stream().map(ConsumerRecord::key).collect(Collectors.toSet()).size() == EVENTS,
                Duration.ofSeconds(90), Duration.ofSeconds(2));
        Map<String, Long> perEvent = delivered.stream().collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        long duplicates = delivered.size() - perEvent.size();
        Log.infof("Outbox across a broker outage: recorded %d, delivered %d distinct, %d duplicate records",
                EVENTS, perEvent.size(), duplicates);

        assertEquals(wanted, perEvent.keySet(), "every event recorded during the outage arrived");
        assertEquals(0, pendingRows(ids), "and every row is marked sent");
        // consumers apply each event once, whatever the redeliveries: the tally shows one application each
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().auth().oauth2(TestTokens.viewer(org)).get("/test/notes/" + id + "/tally")
                            .then().statusCode(200).body("applied", equalTo(1)));
        }
    }

    private static int pendingRows(List<String> ids) throws Exception {
        String list = ids.stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
        try (Connection c = DriverManager.getConnection(TestPostgres.jdbcUrl("okr_test_platform_outage"), "postgres", "");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select count(*) from outbox_event where published_at is null and message_key in ("
                        + list + ")")) {
            r.next();
            return r.getInt(1);
        }
    }
}

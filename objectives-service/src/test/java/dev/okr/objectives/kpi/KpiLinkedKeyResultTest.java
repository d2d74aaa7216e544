package dev.okr.objectives.kpi;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.okr.contracts.Topics;
import dev.okr.objectives.Api;
import dev.okr.objectives.ObjectivesInfra;
import dev.okr.testsupport.KafkaRecords;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** A KPI_LINKED key result follows its KPI's value from kpi-service's events, once per event, newest version only. */
@QuarkusTest
@WithTestResource(ObjectivesInfra.class)
class KpiLinkedKeyResultTest {

    private final Api api = new Api();

    private static String kpiEvent(String eventId, String kpi, String org, double value, long version, String measuredAt) {
        return """
                {"specversion":"1.0","id":"%s","type":"dev.okr.kpi.measured","source":"/kpi-service","subject":"%s",
                 "time":"%s","datacontenttype":"application/json","orgid":"%s",
                 "data":{"id":"%s","organisationId":"%s","key":"domestic-leads","name":"New domestic leads","unit":"number",
                         "target":{"operator":"AT_LEAST","value":20,"baseline":0},"currentValue":%s,"status":"ON_TRACK",
                         "lastMeasuredAt":"%s","archived":false,"version":%d,"someFutureField":true}}"""
                .formatted(eventId, kpi, measuredAt, org, kpi, org, value, measuredAt, version);
    }

    private void send(String kpi, String event) {
        KafkaRecords.send(Api.bootstrap(), Topics.KPIS, kpi, event);
    }

    private Response createLinked(String cycle, String kpi) {
        return api.createObjective(cycle, "Grow domestic sales",
                List.of(Map.of("title", "20 new domestic leads", "type", "KPI_LINKED", "kpiId", kpi)));
    }

    @Test
    void shouldFollowTheKpiOncePerEventAndNeverGoBackToAnOlderValue() {
        String kpi = UUID.randomUUID().toString();
        // the cycle started 30 days ago; the KPI had 2 leads before that and 6 now
        String cycle = api.currentCycle();
        String before = Instant.now().minus(Duration.ofDays(40)).toString();
        send(kpi, kpiEvent(UUID.randomUUID().toString(), kpi, api.org, 2, 1, before));
        String measured = UUID.randomUUID().toString();
        send(kpi, kpiEvent(measured, kpi, api.org, 6, 2, Instant.now().minusSeconds(60).toString()));

        // once the read model knows the KPI at version 2, a key result can link to it
        String[] ids = new String[2];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Response r = createLinked(cycle, kpi);
            if (r.statusCode() == 201 && Float.valueOf(6.0f).equals(r.path("keyResults[0].currentValue"))) {
                ids[0] = r.path("id");
                ids[1] = r.path("keyResults[0].id");
                return true;
            }
            return false;
        });
        // start = the value when the cycle started (2), target = the KPI's target (20), current = now (6)
        api.viewer().get("/api/v1/objectives/" + ids[0]).then().statusCode(200)
                .body("keyResults[0].start", equalTo(2.0f)).body("keyResults[0].target", equalTo(20.0f))
                .body("keyResults[0].currentValue", equalTo(6.0f)).body("keyResults[0].progress", closeTo(4.0 / 18))
                .body("keyResults[0].unit", equalTo("number"));

        // a new value moves the key result and its objective; the same event again changes nothing
        String eleven = kpiEvent(UUID.randomUUID().toString(), kpi, api.org, 11, 3, Instant.now().toString());
        send(kpi, eleven);
        send(kpi, eleven);
        // an older version arriving late is ignored
        send(kpi, kpiEvent(UUID.randomUUID().toString(), kpi, api.org, 4, 2, Instant.now().minusSeconds(30).toString()));
        // a marker after them on the same partition: once applied, everything before it was seen
        send(kpi, kpiEvent(UUID.randomUUID().toString(), kpi, api.org, 11, 4, Instant.now().toString()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer().get("/api/v1/objectives/" + ids[0])
                .then().body("keyResults[0].currentValue", equalTo(11.0f)).body("progress", closeTo(9.0 / 18)));
        // a KPI's values move progress, not what a client edits: the ETag read at creation still applies
        api.viewer().get("/api/v1/objectives/" + ids[0]).then().header("ETag", "\"0\"").body("version", equalTo(0));
        // created and one update for 6 → 11; the duplicate, the older version and the unchanged marker add nothing
        assertEquals(2, KafkaRecords.await(Api.bootstrap(), Topics.OBJECTIVES, r -> ids[0].equals(r.key()), 3,
                Duration.ofSeconds(5)).size());

        // a key result that follows a KPI takes no value in a check-in
        api.member().body(Map.of("value", 15, "confidence", 5)).post("/api/v1/key-results/" + ids[1] + "/check-ins")
                .then().statusCode(400).body("errors[0].message", containsString("follows the KPI"));
        api.member().body(Map.of("confidence", 2, "note", "CRM sync is flaky")).post("/api/v1/key-results/" + ids[1] + "/check-ins")
                .then().statusCode(201).body("keyResult.confidence", equalTo(2)).body("keyResult.currentValue", equalTo(11.0f));
    }

    @Test
    void shouldRefuseAKpiOfAnotherOrganisation() {
        String kpi = UUID.randomUUID().toString();
        String otherOrg = UUID.randomUUID().toString();
        send(kpi, kpiEvent(UUID.randomUUID().toString(), kpi, otherOrg, 5, 1, Instant.now().toString()));
        Api other = new Api(otherOrg);
        String otherCycle = other.currentCycle();
        await().atMost(Duration.ofSeconds(30)).until(() -> other.createObjective(otherCycle, "theirs",
                List.of(Map.of("title", "k", "type", "KPI_LINKED", "kpiId", kpi))).statusCode() == 201);

        createLinked(api.currentCycle(), kpi).then().statusCode(400).body("errors[0].field", equalTo("keyResults[0].kpiId"));
    }

    /** JSON numbers arrive as floats; compare with the exact value to float precision. */
    private static org.hamcrest.Matcher<Float> closeTo(double value) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Float item) {
                return Math.abs(item - value) < 1e-4;
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("within 1e-4 of " + value);
            }
        };
    }
}

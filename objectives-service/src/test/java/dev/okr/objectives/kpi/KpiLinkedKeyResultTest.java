package dev.okr.objectives.kpi;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.okr.contracts.Topics;
import dev.okr.objectives.Api;
import dev.okr.objectives.ObjectivesInfra;
import dev.okr.testsupport.KafkaRecords;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

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

    /** A KPI's event with the given definition and state. */
    private static String kpiState(String kpi, String org, String name, String unit, double target, String status, double value,
            long version, Instant measuredAt) {
        return """
                {"specversion":"1.0","id":"%s","type":"dev.okr.kpi.measured","source":"/kpi-service","subject":"%s",
                 "time":"%s","datacontenttype":"application/json","orgid":"%s",
                 "data":{"id":"%s","organisationId":"%s","key":"k-%s","name":"%s","unit":"%s",
                         "target":{"operator":"AT_LEAST","value":%s,"baseline":0},"currentValue":%s,"status":"%s",
                         "lastMeasuredAt":"%s","archived":false,"version":%d}}"""
                .formatted(UUID.randomUUID(), kpi, Instant.now(), org, kpi, org, kpi, name, unit, target, value, status,
                        measuredAt, version);
    }

    private void send(String kpi, String event) {
        KafkaRecords.send(Api.bootstrap(), Topics.KPIS, kpi, event);
    }

    /** The objective and its key result linked to the KPI, once objectives-service has heard of the KPI. */
    private String[] createLinkedOnceKnown(String cycle, String kpi) {
        String[] ids = new String[2];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Response r = createLinked(cycle, kpi);
            if (r.statusCode() == 201) {
                ids[0] = r.path("id");
                ids[1] = r.path("keyResults[0].id");
                return true;
            }
            return false;
        });
        return ids;
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
    void shouldCapAKeyResultWhoseKpiWentQuietAndTakeANewKpisDefaults() {
        String customers = UUID.randomUUID().toString();
        String deals = UUID.randomUUID().toString();
        // to the microsecond, as PostgreSQL keeps it
        Instant lastWeek = Instant.now().minus(Duration.ofDays(7)).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        send(customers, kpiState(customers, api.org, "New customers", "customers", 20, "ON_TRACK", 19, 1, lastWeek));
        send(deals, kpiState(deals, api.org, "Closed deals", "deals", 25, "ON_TRACK", 14, 1, lastWeek));
        String cycle = api.currentCycle();
        String[] ids = new String[2];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Response r = api.createObjective(cycle, "Win customers", List.of(Map.of("title", "30 new customers",
                    "type", "KPI_LINKED", "kpiId", customers, "start", 2, "target", 30)));
            ids[0] = r.path("id");
            ids[1] = r.path("keyResults[0].id");
            return r.statusCode() == 201;
        });
        String path = "/api/v1/objectives/" + ids[0];
        // 17 of 28 done a third into the cycle
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer().get(path).then()
                .body("keyResults[0].currentValue", equalTo(19.0f)).body("keyResults[0].health", equalTo("ON_TRACK")));

        // the KPI goes quiet: its value stays, but the key result cannot look on track on it
        send(customers, kpiState(customers, api.org, "New customers", "customers", 20, "NO_DATA", 19, 2, lastWeek));
        String quietSince = "has had no data since " + java.time.LocalDate.ofInstant(lastWeek, java.time.ZoneOffset.UTC);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer().get(path).then()
                .body("keyResults[0].health", equalTo("AT_RISK"))
                .body("keyResults[0].healthReason", org.hamcrest.Matchers.endsWith("; but its KPI 'New customers' " + quietSince)));
        // told again, nothing changes; renamed, the reason follows
        send(customers, kpiState(customers, api.org, "New customers", "customers", 20, "NO_DATA", 19, 3, lastWeek));
        send(customers, kpiState(customers, api.org, "New customers (CRM)", "customers", 20, "NO_DATA", 19, 4, lastWeek));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer().get(path).then()
                .body("keyResults[0].healthReason", org.hamcrest.Matchers.endsWith("; but its KPI 'New customers (CRM)' " + quietSince)));
        // created, gone quiet, renamed: the repeated NO_DATA published nothing
        assertEquals(3, KafkaRecords.await(Api.bootstrap(), Topics.OBJECTIVES, r -> ids[0].equals(r.key()), 4,
                Duration.ofSeconds(5)).size());
        // data again: the cap goes
        send(customers, kpiState(customers, api.org, "New customers", "customers", 20, "ON_TRACK", 19.5, 5, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer().get(path).then()
                .body("keyResults[0].currentValue", equalTo(19.5f)).body("keyResults[0].health", equalTo("ON_TRACK")));

        // a new title keeps the start, target and unit the key result has
        String kr = "/api/v1/key-results/" + ids[1];
        api.member().header("If-Match", "\"0\"").body(Map.of("title", "Thirty new customers", "type", "KPI_LINKED",
                "kpiId", customers)).put(kr).then().statusCode(200)
                .body("start", equalTo(2.0f)).body("target", equalTo(30.0f)).body("unit", equalTo("customers"));
        // another KPI brings its own target and unit, and its value when the cycle started (none: its baseline, 0)
        api.member().header("If-Match", "\"1\"").body(Map.of("title", "25 closed deals", "type", "KPI_LINKED",
                "kpiId", deals)).put(kr).then().statusCode(200)
                .body("start", equalTo(0.0f)).body("target", equalTo(25.0f)).body("unit", equalTo("deals"))
                .body("currentValue", equalTo(14.0f));
        // what the request gives wins over the KPI's
        api.member().header("If-Match", "\"2\"").body(Map.of("title", "30 closed deals", "type", "KPI_LINKED",
                "kpiId", customers, "start", 5, "target", 30, "unit", "number")).put(kr).then().statusCode(200)
                .body("start", equalTo(5.0f)).body("target", equalTo(30.0f)).body("unit", equalTo("number"));
    }

    /** A recurring KPI's event: its value is about its current period. */
    private static String periodEvent(String kpi, String org, double value, long version, java.time.LocalDate start,
            java.time.LocalDate end) {
        return """
                {"specversion":"1.0","id":"%s","type":"dev.okr.kpi.measured","source":"/kpi-service","subject":"%s",
                 "time":"%s","datacontenttype":"application/json","orgid":"%s",
                 "data":{"id":"%s","organisationId":"%s","key":"recurring-leads","name":"New leads","unit":"number",
                         "target":{"operator":"AT_LEAST","value":20,"baseline":0},"currentValue":%s,"status":"ON_TRACK",
                         "lastMeasuredAt":"%s","archived":false,"version":%d,"periodEvery":"QUARTER","periodStart":"%s",
                         "periodEnd":"%s","aggregation":"SUM"}}"""
                .formatted(UUID.randomUUID(), kpi, Instant.now(), org, kpi, org, value, Instant.now(), version, start, end);
    }

    @Test
    void shouldFollowARecurringKpiOnlyInTheCyclesItsPeriodOverlaps() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        String kpi = UUID.randomUUID().toString();
        String last = api.cycle("last " + UUID.randomUUID(), today.minusDays(120).toString(), today.minusDays(31).toString());
        String current = api.cycle("current " + UUID.randomUUID(), today.minusDays(30).toString(), today.plusDays(60).toString());
        // last quarter's period: 14 leads
        send(kpi, periodEvent(kpi, api.org, 14, 1, today.minusDays(120), today.minusDays(31)));
        String[] ids = new String[2];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Response r = createLinked(last, kpi);
            ids[0] = r.statusCode() == 201 ? r.path("id") : null;
            return ids[0] != null;
        });
        api.viewer().get("/api/v1/objectives/" + ids[0]).then().body("keyResults[0].currentValue", equalTo(14.0f));
        // the KPI moves into this quarter's period: 3 leads so far; last quarter's key result keeps its 14
        send(kpi, periodEvent(kpi, api.org, 3, 2, today.minusDays(30), today.plusDays(60)));
        ids[1] = await().atMost(Duration.ofSeconds(30)).until(() -> createLinked(current, kpi),
                r -> r.statusCode() == 201 && Float.valueOf(3.0f).equals(r.path("keyResults[0].currentValue"))).path("id");
        send(kpi, periodEvent(kpi, api.org, 5, 3, today.minusDays(30), today.plusDays(60)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer().get("/api/v1/objectives/" + ids[1]).then()
                .body("keyResults[0].currentValue", equalTo(5.0f)));
        api.viewer().get("/api/v1/objectives/" + ids[0]).then().body("keyResults[0].currentValue", equalTo(14.0f))
                .body("keyResults[0].start", equalTo(0.0f)).body("keyResults[0].target", equalTo(20.0f));

        // last quarter closes at 14 of 20; carried into this one, the key result starts again from the period's 0
        api.member().header("If-Match", "\"0\"").post("/api/v1/cycles/" + last + "/close").then().statusCode(200);
        api.member().body(Map.of("cycleId", current)).post("/api/v1/objectives/" + ids[0] + "/roll-over").then().statusCode(201)
                .body("keyResults[0].kpiId", equalTo(kpi)).body("keyResults[0].start", equalTo(0.0f))
                .body("keyResults[0].target", equalTo(20.0f)).body("keyResults[0].currentValue", equalTo(5.0f))
                .body("keyResults[0].progress", equalTo(0.25f));
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
    @Inject
    Pool pool;

    @Test
    void shouldKeepOnePointAnHourOfWhatAKpiMoves() {
        String kpi = UUID.randomUUID().toString();
        String cycle = api.currentCycle();
        Instant hour = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.HOURS);
        send(kpi, kpiEvent(UUID.randomUUID().toString(), kpi, api.org, 1, 1, hour.minus(Duration.ofHours(2)).toString()));
        String[] ids = createLinkedOnceKnown(cycle, kpi);
        // four values observed within one hour: the history keeps the last of them, once
        for (int v = 2; v <= 5; v++) {
            send(kpi, kpiEvent(UUID.randomUUID().toString(), kpi, api.org, v, v, hour.plusSeconds(v).toString()));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer().get("/api/v1/objectives/" + ids[0])
                .then().body("keyResults[0].currentValue", equalTo(5.0f)));
        var rows = pool.preparedQuery("select value, at from progress_point where key_result_id = $1 and source = 'kpi' order by at")
                .execute(Tuple.of(UUID.fromString(ids[1]))).await().indefinitely();
        List<Double> values = new java.util.ArrayList<>();
        rows.forEach(r -> values.add(r.getDouble("value")));
        assertEquals(List.of(5.0), values, "one point for the hour, its last value");
        // dated by its observation, but never before the key result's last change (here: its creation, after them)
        Instant at = rows.iterator().next().getOffsetDateTime("at").toInstant();
        assertTrue(!at.isBefore(hour.plusSeconds(5)) && !at.isAfter(Instant.now()), at.toString());
        // the objective's own points that followed the KPI: one for the hour as well
        assertEquals(1, pool.preparedQuery("select count(*) as n from progress_point where objective_id = $1 and key_result_id is null "
                + "and source = 'kpi'").execute(Tuple.of(UUID.fromString(ids[0]))).await().indefinitely().iterator().next().getLong("n"));
        api.viewer().get("/api/v1/key-results/" + ids[1] + "/history?from=" + hour.toString().substring(0, 10)).then().statusCode(200)
                .body("points[-1].value", equalTo(5.0f));
    }

    @Test
    void shouldTakeTheValuesAKpiWasGivenForPastDaysIntoTheKeyResultsHistory() {
        String kpi = UUID.randomUUID().toString();
        String cycle = api.currentCycle();
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        send(kpi, kpiEvent(UUID.randomUUID().toString(), kpi, api.org, 2, 1, today.minus(Duration.ofDays(25)).plus(Duration.ofHours(12)).toString()));
        String[] ids = createLinkedOnceKnown(cycle, kpi);
        // a CRM's backfill of three weeks, pushed today: kpi-service says what the KPI was at each day's last observation
        String twenty = today.minus(Duration.ofDays(20)).plus(Duration.ofHours(12)).toString();
        String ten = today.minus(Duration.ofDays(10)).plus(Duration.ofHours(12)).toString();
        String five = today.minus(Duration.ofDays(5)).plus(Duration.ofHours(12)).toString();
        String event = kpiEvent(UUID.randomUUID().toString(), kpi, api.org, 30, 2, five).replace("\"someFutureField\":true",
                "\"history\":[{\"at\":\"" + twenty + "\",\"value\":10},{\"at\":\"" + ten + "\",\"value\":20},"
                        + "{\"at\":\"" + five + "\",\"value\":30}],\"historyFrom\":\"" + today.minus(Duration.ofDays(20)) + "\"");
        send(kpi, event);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer().get("/api/v1/objectives/" + ids[0])
                .then().body("keyResults[0].currentValue", equalTo(30.0f)));

        // as it stood then: 10 of the 20 leads fifteen days ago, 20 eight days ago
        api.viewer().get("/api/v1/key-results/" + ids[1] + "?asOf=" + today.minus(Duration.ofDays(15))).then().statusCode(200)
                .body("currentValue", equalTo(10.0f)).body("progress", equalTo(0.5f));
        api.viewer().get("/api/v1/key-results/" + ids[1] + "?asOf=" + today.minus(Duration.ofDays(8))).then().statusCode(200)
                .body("currentValue", equalTo(20.0f)).body("progress", equalTo(1.0f));
        api.viewer().get("/api/v1/objectives/" + ids[0] + "?asOf=" + today.minus(Duration.ofDays(15))).then().statusCode(200)
                .body("progress", equalTo(0.5f));
        // ten days ago corrected to 21: the point of that day takes it, no point is written twice
        send(kpi, kpiEvent(UUID.randomUUID().toString(), kpi, api.org, 30, 3, five).replace("\"someFutureField\":true",
                "\"history\":[{\"at\":\"" + ten + "\",\"value\":21},{\"at\":\"" + five + "\",\"value\":30}],"
                        + "\"historyFrom\":\"" + today.minus(Duration.ofDays(10)) + "\""));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer()
                .get("/api/v1/key-results/" + ids[1] + "?asOf=" + today.minus(Duration.ofDays(8))).then().body("currentValue", equalTo(21.0f)));
        assertEquals(3L, kpiPointsBefore(ids[1], today));
        // then ten days ago withdrawn altogether: that day is no longer in the KPI's history, nor in the key result's
        send(kpi, kpiEvent(UUID.randomUUID().toString(), kpi, api.org, 30, 4, five).replace("\"someFutureField\":true",
                "\"history\":[{\"at\":\"" + five + "\",\"value\":30}],\"historyFrom\":\"" + today.minus(Duration.ofDays(10)) + "\""));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api.viewer()
                .get("/api/v1/key-results/" + ids[1] + "?asOf=" + today.minus(Duration.ofDays(8))).then().body("currentValue", equalTo(10.0f)));
        assertEquals(2L, kpiPointsBefore(ids[1], today));
        api.viewer().get("/api/v1/key-results/" + ids[1]).then().body("currentValue", equalTo(30.0f));
    }

    private long kpiPointsBefore(String keyResult, Instant until) {
        return pool.preparedQuery("select count(*) as n from progress_point where key_result_id = $1 and source = 'kpi' and at < $2")
                .execute(Tuple.of(UUID.fromString(keyResult), until.atOffset(java.time.ZoneOffset.UTC)))
                .await().indefinitely().iterator().next().getLong("n");
    }

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

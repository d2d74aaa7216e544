package dev.okr.kpi.status;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.okr.contracts.Topics;
import dev.okr.kpi.KpiApiClient;
import dev.okr.kpi.KpiInfra;
import dev.okr.testsupport.KafkaRecords;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A KPI's status history is stamped when its values were observed: weeks of values pushed today leave the statuses
 * they imply, where they implied them. Leads over a time frame of 92 days from 50 days ago, with a target of 92: the
 * value expected at a moment is the number of days elapsed; the at-risk band 9.2; measured weekly (no data after 10.5
 * days of silence).
 */
@QuarkusTest
@WithTestResource(KpiInfra.class)
class StatusHistoryTest {

    private final KpiApiClient api = new KpiApiClient();
    private final LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(50);

    private String noon(int day) {
        return start.plusDays(day).atTime(12, 0).toInstant(ZoneOffset.UTC).toString();
    }

    private Map<String, Object> item(int day, int value) {
        return Map.of("kpi", "backfilled", "value", value, "observedAt", noon(day), "externalId", "week-" + day);
    }

    @Test
    void shouldLeaveTheStatusesABackfillImpliesWhereItImpliedThem() {
        Map<String, Object> kpi = new HashMap<>(KpiApiClient.leads("backfilled"));
        kpi.put("target", Map.of("operator", "AT_LEAST", "value", 92));
        kpi.put("timeframe", Map.of("start", start.toString(), "end", start.plusDays(91).toString()));
        api.create(kpi).then().statusCode(201);

        // one push, in no order: 10 on day 7, 15 on day 14, 17 on day 21, nothing for 19 days, 47 on day 40
        api.member().body(Map.of("items", List.of(item(21, 2), item(7, 10), item(40, 30), item(14, 5))))
                .post("/api/v1/measurements:batch").then().statusCode(200).body("accepted", equalTo(4));

        // newest first; today 47 against 50 and some expected is within the band
        api.viewer().get("/api/v1/kpis/backfilled/status-history").then().statusCode(200)
                .body("items.status", contains("AT_RISK", "ON_TRACK", "NO_DATA", "AT_RISK", "ON_TRACK"))
                .body("items[1].changedAt", equalTo(noon(40))).body("items[1].value", equalTo(47.0f))
                .body("items[1].reason", equalTo("47 leads so far, 40.5 leads expected by today: ahead of pace"))
                .body("items[2].changedAt", equalTo(start.plusDays(32).atStartOfDay(ZoneOffset.UTC).toInstant().plusMillis(1).toString()))
                .body("items[2].reason", equalTo("no value since " + start.plusDays(21) + ", expected weekly"))
                .body("items[3].changedAt", equalTo(noon(21)))
                .body("items[3].reason", equalTo("17 leads so far, 21.5 leads expected by today: behind pace by 4.5 leads"))
                .body("items[4].changedAt", equalTo(noon(7))).body("items[4].value", equalTo(10.0f));
        // the event tells the key results that follow the KPI what it was at each day's last observation
        String id = api.viewer().get("/api/v1/kpis/backfilled").path("id");
        var events = KafkaRecords.await(KpiApiClient.bootstrap(), Topics.KPIS, r -> id.equals(r.key()) && r.value().contains("\"history\":["),
                1, Duration.ofSeconds(10));
        assertTrue(events.get(0).value().contains("\"history\":[{\"at\":\"" + noon(7) + "\",\"value\":10.0},{\"at\":\"" + noon(14)
                + "\",\"value\":15.0},{\"at\":\"" + noon(21) + "\",\"value\":17.0},{\"at\":\"" + noon(40) + "\",\"value\":47.0}]"),
                events.get(0).value());
        // the values pushed late keep their flag
        api.viewer().get("/api/v1/kpis/backfilled/measurements").then()
                .body("items.late", contains(true, true, true, true));

        // the value of day 21 withdrawn: silent from day 14, the history from day 21 on judged again
        var measurements = api.viewer().get("/api/v1/kpis/backfilled/measurements");
        Number day21 = measurements.path("items.find { it.value == 2.0 }.id");
        api.member().header("If-Match", "\"0\"").delete("/api/v1/kpis/backfilled/measurements/" + day21).then().statusCode(204);
        api.viewer().get("/api/v1/kpis/backfilled/status-history").then()
                .body("items.status", contains("AT_RISK", "ON_TRACK", "NO_DATA", "ON_TRACK"))
                .body("items[1].value", equalTo(45.0f))
                .body("items[2].changedAt", equalTo(start.plusDays(25).atStartOfDay(ZoneOffset.UTC).toInstant().plusMillis(1).toString()))
                .body("items[3].changedAt", equalTo(noon(7)));

        // a value of today goes on from now, as it always did: 55 is ahead of pace
        api.member().body(Map.of("items", List.of(Map.of("kpi", "backfilled", "value", 10,
                "observedAt", Instant.now().minusSeconds(60).toString()))))
                .post("/api/v1/measurements:batch").then().statusCode(200).body("accepted", equalTo(1));
        api.viewer().get("/api/v1/kpis/backfilled/status-history").then()
                .body("items.status", contains("ON_TRACK", "AT_RISK", "ON_TRACK", "NO_DATA", "ON_TRACK"))
                .body("items[0].value", equalTo(55.0f));
    }
}

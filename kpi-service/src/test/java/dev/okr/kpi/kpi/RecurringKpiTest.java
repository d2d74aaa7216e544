package dev.okr.kpi.kpi;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.okr.contracts.Topics;
import dev.okr.kpi.KpiApiClient;
import dev.okr.kpi.KpiInfra;
import dev.okr.kpi.kpi.Recurrence.Every;
import dev.okr.kpi.status.StatusSweep;
import dev.okr.testsupport.KafkaRecords;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A KPI that goes on across cycles: its time frame is its current period, and when that ends the sweep keeps the
 * period's result and starts the next from the next's measurements, under the same key.
 */
@QuarkusTest
@WithTestResource(KpiInfra.class)
class RecurringKpiTest {

    private static final String PROBLEM = "application/problem+json";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Inject
    Pool pool;
    @Inject
    StatusSweep sweep;

    private final KpiApiClient api = new KpiApiClient();

    private static Map<String, Object> quarterly(String key) {
        Map<String, Object> kpi = new HashMap<>(KpiApiClient.leads(key));
        kpi.remove("timeframe");
        kpi.put("period", Map.of("every", "QUARTER", "anchor", "2026-01-01"));
        return kpi;
    }

    @Test
    void shouldJudgeTheCurrentPeriodAndMoveOnWhenItEnds() throws Throwable {
        Recurrence.Period now = new Recurrence(Every.QUARTER, LocalDate.parse("2026-01-01")).containing(TODAY);
        String id = api.create(quarterly("recurring-leads")).then().statusCode(201)
                .body("period.every", equalTo("QUARTER")).body("period.anchor", equalTo("2026-01-01"))
                .body("timeframe.start", equalTo(now.start().toString())).body("timeframe.end", equalTo(now.end().toString()))
                .extract().path("id");
        api.member().body(Map.of("value", 7)).post("/api/v1/kpis/recurring-leads/measurements").then().statusCode(201);
        api.viewer().get("/api/v1/kpis/recurring-leads").then().body("currentValue", equalTo(7.0f));

        // time passes: as far as the KPI knows, its period is the one before the one before (the sweep was stopped for
        // two quarters), with measurements in both of those periods
        Recurrence quarters = new Recurrence(Every.QUARTER, LocalDate.parse("2026-01-01"));
        Recurrence.Period before = quarters.containing(now.start().minusDays(1));
        Recurrence.Period twoBefore = quarters.containing(before.start().minusDays(1));
        Instant inTwoBefore = twoBefore.start().plusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant inBefore = before.start().plusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant();
        api.member().body(Map.of("value", 30, "observedAt", inTwoBefore.toString())).post("/api/v1/kpis/recurring-leads/measurements")
                .then().statusCode(201);
        api.member().body(Map.of("value", 12, "observedAt", inBefore.toString())).post("/api/v1/kpis/recurring-leads/measurements")
                .then().statusCode(201);
        pool.preparedQuery("update kpi set timeframe_start = $2, timeframe_end = $3 where id = $1")
                .execute(Tuple.of(UUID.fromString(id), twoBefore.start(), twoBefore.end())).await().atMost(Duration.ofSeconds(10));
        api.member().body(Map.of("value", 0, "observedAt", inTwoBefore.plusSeconds(60).toString(), "externalId", "nudge"))
                .post("/api/v1/kpis/recurring-leads/measurements").then().statusCode(201);
        api.viewer().get("/api/v1/kpis/recurring-leads").then().body("currentValue", equalTo(30.0f))
                .body("timeframe.end", equalTo(twoBefore.end().toString()));

        VertxContextSupport.subscribeAndAwait(() -> sweep.sweep());

        // the current period: the same key, today's measurements only; each period that ended is kept with its result
        api.viewer().get("/api/v1/kpis/recurring-leads").then().statusCode(200)
                .body("timeframe.start", equalTo(now.start().toString())).body("currentValue", equalTo(7.0f));
        api.viewer().get("/api/v1/kpis/recurring-leads/periods").then().statusCode(200)
                .body("start", contains(now.start().toString(), before.start().toString(), twoBefore.start().toString()))
                .body("current", contains(true, false, false))
                .body("[2].value", equalTo(30.0f)).body("[2].status", equalTo("ACHIEVED")).body("[2].target.value", equalTo(20.0f))
                .body("[1].value", equalTo(12.0f)).body("[1].status", equalTo("MISSED"))
                .body("[0].value", equalTo(7.0f));
        var events = KafkaRecords.await(KpiApiClient.bootstrap(), Topics.KPIS,
                r -> id.equals(r.key()) && r.value().contains("dev.okr.kpi.period-started"), 1, Duration.ofSeconds(30));
        JsonPath started = JsonPath.from(events.get(0).value());
        org.junit.jupiter.api.Assertions.assertEquals("QUARTER", started.getString("data.periodEvery"));
        org.junit.jupiter.api.Assertions.assertEquals(now.start().toString(), started.getString("data.periodStart"));
        org.junit.jupiter.api.Assertions.assertEquals(7.0f, started.getFloat("data.currentValue"));

        // a second sweep changes nothing
        VertxContextSupport.subscribeAndAwait(() -> sweep.sweep());
        api.viewer().get("/api/v1/kpis/recurring-leads/periods").then().body("", hasSize(3));
    }

    @Test
    void shouldKeepTheEndedPeriodAsItWasWhenTheKpiChangesBeforeTheSweep() {
        Recurrence quarters = new Recurrence(Every.QUARTER, LocalDate.parse("2026-01-01"));
        Recurrence.Period now = quarters.containing(TODAY);
        Recurrence.Period before = quarters.containing(now.start().minusDays(1));
        String id = api.create(quarterly("changed-leads")).then().statusCode(201).extract().path("id");
        pool.preparedQuery("update kpi set timeframe_start = $2, timeframe_end = $3 where id = $1")
                .execute(Tuple.of(UUID.fromString(id), before.start(), before.end())).await().atMost(Duration.ofSeconds(10));
        Map<String, Object> higher = quarterly("changed-leads");
        higher.put("target", Map.of("operator", "AT_LEAST", "value", 50));
        api.member().header("If-Match", "\"0\"").body(higher).put("/api/v1/kpis/changed-leads").then().statusCode(200)
                .body("timeframe.start", equalTo(now.start().toString())).body("target.value", equalTo(50.0f));
        api.viewer().get("/api/v1/kpis/changed-leads/periods").then().statusCode(200)
                .body("start", contains(now.start().toString(), before.start().toString()))
                .body("target.value", contains(50.0f, 20.0f)).body("[1].status", equalTo("MISSED"));
    }

    @Test
    void shouldAnswerOnePeriodForAKpiWithOneTimeFrame() {
        api.create(KpiApiClient.leads("fixed-leads")).then().statusCode(201).body("period", nullValue());
        api.viewer().get("/api/v1/kpis/fixed-leads/periods").then().statusCode(200).body("", hasSize(1))
                .body("[0].current", equalTo(true)).body("[0].status", equalTo("NO_DATA"));
        api.viewer().get("/api/v1/kpis/no-such-kpi/periods").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void shouldRefuseAPeriodBesideATimeFrameOrWithoutItsParts() {
        Map<String, Object> both = quarterly("both");
        both.put("timeframe", Map.of("start", TODAY.toString(), "end", TODAY.plusDays(10).toString()));
        api.create(both).then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("period"));
        Map<String, Object> neither = quarterly("neither");
        neither.remove("period");
        api.create(neither).then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("timeframe"));
        Map<String, Object> noAnchor = quarterly("no-anchor");
        noAnchor.put("period", Map.of("every", "QUARTER"));
        api.create(noAnchor).then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("period.anchor"));
        Map<String, Object> weekly = quarterly("weekly");
        weekly.put("period", Map.of("every", "WEEK", "anchor", "2026-01-01"));
        api.create(weekly).then().statusCode(400).contentType(PROBLEM);
        Map<String, Object> badDay = quarterly("bad-day");
        badDay.put("period", Map.of("every", "MONTH", "anchor", "2026-02-30"));
        api.create(badDay).then().statusCode(400).contentType(PROBLEM);
        Map<String, Object> farAway = quarterly("far-away");
        farAway.put("period", Map.of("every", "MONTH", "anchor", "+999999999-12-31"));
        api.create(farAway).then().statusCode(400).contentType(PROBLEM);
        api.viewer().get("/api/v1/kpis").then().body("items.key", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("both")));
    }
}

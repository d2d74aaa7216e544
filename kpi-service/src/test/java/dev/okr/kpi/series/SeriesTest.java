package dev.okr.kpi.series;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.okr.kpi.KpiApiClient;
import dev.okr.kpi.KpiInfra;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(KpiInfra.class)
class SeriesTest {

    private final KpiApiClient api = new KpiApiClient();

    /** One value a day for the last 14 days: 1 each in the week before last, 2 each in the last week. */
    private void fortnight(String kpi) {
        Instant now = Instant.now();
        List<Object> items = new ArrayList<>();
        for (int i = 1; i <= 14; i++) {
            items.add(Map.of("kpi", kpi, "value", i <= 7 ? 2 : 1,
                    "observedAt", now.minus(Duration.ofDays(i)).plus(Duration.ofHours(1)).toString(),
                    "dimensions", Map.of("region", i % 2 == 0 ? "domestic" : "export")));
        }
        api.member().body(Map.of("items", items)).post("/api/v1/measurements:batch").then().statusCode(200)
                .body("accepted", equalTo(14));
    }

    @Test
    void shouldBucketValuesInSql() {
        api.create(KpiApiClient.leads("series")).then().statusCode(201);
        fortnight("series");
        // every day of the time frame so far (45 days ago to today): 14 measured, the others carried at 0 (a SUM)
        api.viewer().queryParam("bucket", "DAY").get("/api/v1/kpis/series/series").then().statusCode(200)
                .body("bucket", equalTo("DAY")).body("points", hasSize(46))
                .body("points.findAll { !it.carried }", hasSize(14))
                .body("points.findAll { !it.carried }.count", everyItem(equalTo(1)))
                .body("points.findAll { it.carried }.value", everyItem(equalTo(0.0f)))
                .body("points.findAll { it.carried }.count", everyItem(equalTo(0)));
        api.viewer().get("/api/v1/kpis/series/series").then().statusCode(200)
                .body("bucket", equalTo("WEEK"))
                .body("points.value.sum()", equalTo(21.0));
        api.viewer().queryParam("bucket", "DAY").queryParam("dimension", "region:domestic").get("/api/v1/kpis/series/series")
                .then().statusCode(200).body("points.findAll { !it.carried }", hasSize(7));
        api.viewer().queryParam("dimension", "domestic").get("/api/v1/kpis/series/series")
                .then().statusCode(400).body("errors[0].field", equalTo("dimension"));
        // plain dates, as time frames are given: from the first day's start to the last day's end, both included
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        api.viewer().queryParam("bucket", "DAY").queryParam("from", today.minusDays(7).toString())
                .queryParam("to", today.minusDays(1).toString()).get("/api/v1/kpis/series/series").then().statusCode(200)
                .body("points.count.sum()", equalTo(7));
    }

    @Test
    void shouldRejectBadRanges() {
        api.create(KpiApiClient.leads("ranges")).then().statusCode(201);
        api.viewer().queryParam("bucket", "HOUR").get("/api/v1/kpis/ranges/series").then().statusCode(400)
                .body("errors[0].field", equalTo("bucket"));
        api.viewer().queryParam("from", "2026-12-01T00:00:00Z").queryParam("to", "2026-11-01T00:00:00Z")
                .get("/api/v1/kpis/ranges/series").then().statusCode(400).body("errors[0].field", equalTo("to"));
        api.viewer().queryParam("from", "2020-01-01T00:00:00Z").queryParam("bucket", "DAY")
                .get("/api/v1/kpis/ranges/series").then().statusCode(400).body("errors[0].field", equalTo("bucket"));
        api.viewer().queryParam("from", "yesterday").get("/api/v1/kpis/ranges/series").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        api.viewer().queryParam("from", "+1000000000-01-01T00:00:00Z").queryParam("to", "+1000000000-01-02T00:00:00Z")
                .get("/api/v1/kpis/ranges/series").then().statusCode(400).body("errors[0].field", equalTo("from"));
        new KpiApiClient().viewer().get("/api/v1/kpis/ranges/series").then().statusCode(404);
    }

    @Test
    void shouldMeasureGrowthAndForecastTheEnd() {
        api.create(KpiApiClient.leads("trend")).then().statusCode(201);
        fortnight("trend");
        api.viewer().get("/api/v1/kpis/trend/trend").then().statusCode(200)
                .body("previousPeriod.value", equalTo(7.0f))
                .body("currentPeriod.value", equalTo(14.0f))
                .body("growth", equalTo(1.0f))
                .body("forecast.basedOnDays", equalTo(14))
                .body("forecast.value", greaterThan(21.0f))
                .body("forecast.status", equalTo("ACHIEVED"));
    }

    @Test
    void shouldCarryTheLastValueOfAKpiThatIsNotAdded() {
        Map<String, Object> stock = new java.util.HashMap<>(KpiApiClient.leads("stock"));
        stock.put("aggregation", "LAST");
        api.create(stock).then().statusCode(201);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        api.member().body(Map.of("items", List.of(Map.of("kpi", "stock", "value", 7, "observedAt", today.minusDays(3).atTime(9, 0).toInstant(ZoneOffset.UTC).toString()),
                Map.of("kpi", "stock", "value", 9, "observedAt", today.minusDays(3).atTime(15, 0).toInstant(ZoneOffset.UTC).toString()))))
                .post("/api/v1/measurements:batch").then().statusCode(200);
        api.viewer().queryParam("bucket", "DAY").queryParam("from", today.minusDays(5).toString()).queryParam("to", today.minusDays(1).toString())
                .get("/api/v1/kpis/stock/series").then().statusCode(200).body("points", hasSize(5))
                .body("points.value", contains(null, null, 9.0f, 9.0f, 9.0f))
                .body("points.carried", contains(true, true, false, true, true))
                .body("points.count", contains(0, 0, 2, 0, 0));
    }

    /** Cost per lead: spend 30 for 60 leads ten days ago, 40 for 20 three days ago. */
    private void costPerLead() {
        for (String input : List.of("spend", "new-leads")) {
            api.create(KpiApiClient.leads(input)).then().statusCode(201);
        }
        Map<String, Object> formula = new java.util.HashMap<>(KpiApiClient.leads("cost-per-lead"));
        formula.put("dataSource", Map.of("type", "FORMULA", "formula", "spend / new_leads"));
        formula.put("target", Map.of("operator", "AT_MOST", "value", 1));
        formula.put("aggregation", "LAST");
        api.create(formula).then().statusCode(201);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String tenDaysAgo = today.minusDays(10).atTime(12, 0).toInstant(ZoneOffset.UTC).toString();
        String threeDaysAgo = today.minusDays(3).atTime(12, 0).toInstant(ZoneOffset.UTC).toString();
        api.member().body(Map.of("items", List.of(Map.of("kpi", "spend", "value", 30, "observedAt", tenDaysAgo),
                Map.of("kpi", "new-leads", "value", 60, "observedAt", tenDaysAgo), Map.of("kpi", "spend", "value", 40, "observedAt", threeDaysAgo),
                Map.of("kpi", "new-leads", "value", 20, "observedAt", threeDaysAgo)))).post("/api/v1/measurements:batch").then().statusCode(200)
                .body("accepted", equalTo(4));
    }

    @Test
    void shouldChartAFormulaFromItsInputs() {
        costPerLead();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // each day: that day's spend over that day's leads; a day with neither is 0 / 0, no value
        api.viewer().queryParam("bucket", "DAY").queryParam("from", today.minusDays(11).toString()).queryParam("to", today.minusDays(1).toString())
                .get("/api/v1/kpis/cost-per-lead/series").then().statusCode(200).body("points", hasSize(11))
                .body("points[0].value", nullValue()).body("points[0].carried", equalTo(true))
                .body("points[1].value", equalTo(0.5f)).body("points[1].count", equalTo(2)).body("points[1].carried", equalTo(false))
                .body("points[2].value", nullValue()).body("points[2].carried", equalTo(true))
                .body("points[8].value", equalTo(2.0f)).body("points[8].count", equalTo(2));
        // this week 40 / 20, the week before 30 / 60; the line through the value to date (0.5, then 70 / 80) rises
        api.viewer().get("/api/v1/kpis/cost-per-lead/trend").then().statusCode(200)
                .body("currentPeriod.value", equalTo(2.0f)).body("previousPeriod.value", equalTo(0.5f)).body("growth", equalTo(3.0f))
                .body("forecast.basedOnDays", equalTo(2)).body("forecast.value", greaterThan(0.875f))
                .body("forecast.status", equalTo("MISSED"));
    }

    @Test
    void shouldAnswerAKpiAsItStoodThen() {
        costPerLead();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String fiveDaysAgo = today.minusDays(5).toString();
        // spend: 30 ten days ago, 40 more three days ago
        api.viewer().get("/api/v1/kpis/spend?asOf=" + fiveDaysAgo).then().statusCode(200)
                .header("Cache-Control", equalTo("no-store")).header("ETag", nullValue())
                .body("currentValue", equalTo(30.0f)).body("lastMeasuredAt", equalTo(today.minusDays(10).atTime(12, 0).toInstant(ZoneOffset.UTC).toString()))
                .body("name", equalTo("New domestic leads"));
        api.viewer().get("/api/v1/kpis/spend").then().body("currentValue", equalTo(70.0f));
        // the formula from its inputs then: 30 / 60, and now 70 / 80
        api.viewer().get("/api/v1/kpis/cost-per-lead?asOf=" + fiveDaysAgo).then().statusCode(200).body("currentValue", equalTo(0.5f))
                .body("status", equalTo("ON_TRACK"));
        api.viewer().get("/api/v1/kpis/cost-per-lead?asOf=" + Instant.now().minusSeconds(5)).then().statusCode(200)
                .body("currentValue", equalTo(0.875f));
        // grouped: only what was measured by then
        Map<String, Object> regions = new java.util.HashMap<>(KpiApiClient.leads("regions"));
        regions.put("groupBy", "region");
        api.create(regions).then().statusCode(201);
        api.member().body(Map.of("items", List.of(
                Map.of("kpi", "regions", "value", 5, "observedAt", today.minusDays(10).atTime(12, 0).toInstant(ZoneOffset.UTC).toString(),
                        "dimensions", Map.of("region", "domestic")),
                Map.of("kpi", "regions", "value", 6, "observedAt", today.minusDays(3).atTime(12, 0).toInstant(ZoneOffset.UTC).toString(),
                        "dimensions", Map.of("region", "export"))))).post("/api/v1/measurements:batch").then().statusCode(200)
                .body("accepted", equalTo(2));
        api.viewer().get("/api/v1/kpis/regions?asOf=" + fiveDaysAgo).then().statusCode(200)
                .body("statusByDimension.value", contains("domestic")).body("statusByDimension[0].currentValue", equalTo(5.0f));
        // refused: to come, before its time frame, not a moment
        api.viewer().get("/api/v1/kpis/spend?asOf=" + today.plusDays(1)).then().statusCode(400).body("errors[0].field", equalTo("asOf"));
        api.viewer().get("/api/v1/kpis/spend?asOf=" + today.minusDays(60)).then().statusCode(400).body("errors[0].field", equalTo("asOf"));
        api.viewer().get("/api/v1/kpis/spend?asOf=soon").then().statusCode(400).body("errors[0].field", equalTo("asOf"));
        new KpiApiClient().viewer().get("/api/v1/kpis/spend?asOf=" + fiveDaysAgo).then().statusCode(404);
    }

    @Test
    void shouldReadAFormulasInputsOverTheirOwnTimeFramesAsOfAMomentAsLive() {
        // spend is counted from five days ago; leads over the quarter
        Map<String, Object> spend = new java.util.HashMap<>(KpiApiClient.leads("recent-spend"));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        spend.put("timeframe", Map.of("start", today.minusDays(5).toString(), "end", today.plusDays(44).toString()));
        api.create(spend).then().statusCode(201);
        api.create(KpiApiClient.leads("quarter-leads")).then().statusCode(201);
        Map<String, Object> formula = new java.util.HashMap<>(KpiApiClient.leads("recent-cost"));
        formula.put("dataSource", Map.of("type", "FORMULA", "formula", "recent_spend / quarter_leads"));
        formula.put("target", Map.of("operator", "AT_MOST", "value", 1));
        formula.put("aggregation", "LAST");
        api.create(formula).then().statusCode(201);
        String tenDaysAgo = today.minusDays(10).atTime(12, 0).toInstant(ZoneOffset.UTC).toString();
        String threeDaysAgo = today.minusDays(3).atTime(12, 0).toInstant(ZoneOffset.UTC).toString();
        api.member().body(Map.of("items", List.of(Map.of("kpi", "quarter-leads", "value", 60, "observedAt", tenDaysAgo),
                Map.of("kpi", "quarter-leads", "value", 20, "observedAt", threeDaysAgo),
                Map.of("kpi", "recent-spend", "value", 30, "observedAt", tenDaysAgo), // kept, but before spend's time frame
                Map.of("kpi", "recent-spend", "value", 40, "observedAt", threeDaysAgo)))).post("/api/v1/measurements:batch").then()
                .statusCode(200).body("accepted", equalTo(4));
        float live = api.viewer().get("/api/v1/kpis/recent-cost").then().statusCode(200).extract().path("currentValue");
        assertEquals(0.5f, live);
        api.viewer().get("/api/v1/kpis/recent-cost?asOf=" + Instant.now().minusSeconds(1)).then().statusCode(200)
                .body("currentValue", equalTo(live));
        // six days ago spend's time frame had not begun: no value for the formula then
        api.viewer().get("/api/v1/kpis/recent-cost?asOf=" + today.minusDays(6)).then().statusCode(200).body("currentValue", nullValue());
    }
}

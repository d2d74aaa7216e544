package dev.okr.kpi.series;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;

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
        api.viewer().queryParam("bucket", "DAY").get("/api/v1/kpis/series/series").then().statusCode(200)
                .body("bucket", equalTo("DAY")).body("points", hasSize(14))
                .body("points.count", everyItem(equalTo(1)));
        api.viewer().get("/api/v1/kpis/series/series").then().statusCode(200)
                .body("bucket", equalTo("WEEK"))
                .body("points.value.sum()", equalTo(21.0));
        api.viewer().queryParam("bucket", "DAY").queryParam("dimension", "region:domestic").get("/api/v1/kpis/series/series")
                .then().statusCode(200).body("points", hasSize(7));
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
}

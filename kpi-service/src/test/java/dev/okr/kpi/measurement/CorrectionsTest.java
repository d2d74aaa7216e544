package dev.okr.kpi.measurement;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.okr.kpi.KpiApiClient;
import dev.okr.kpi.KpiInfra;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(KpiInfra.class)
class CorrectionsTest {

    private final KpiApiClient api = new KpiApiClient();

    @Test
    void shouldCorrectAndWithdrawWhileKeepingTheHistory() {
        api.create(KpiApiClient.leads("fixable")).then().statusCode(201);
        Instant lastMonth = Instant.now().minus(Duration.ofDays(20));
        api.member().body(Map.of("items", List.of(
                Map.of("kpi", "fixable", "value", 5, "externalId", "a"),
                Map.of("kpi", "fixable", "value", 7, "observedAt", lastMonth.toString()))))
                .post("/api/v1/measurements:batch").then().statusCode(200).body("accepted", equalTo(2));
        api.viewer().get("/api/v1/kpis/fixable").then().body("currentValue", equalTo(12.0f));

        var list = api.viewer().get("/api/v1/kpis/fixable/measurements");
        list.then().statusCode(200).body("items", hasSize(2)).body("items[0].late", equalTo(true))
                .body("items[1].late", equalTo(false));
        long late = ((Number) list.path("items[0].id")).longValue();
        long first = ((Number) list.path("items[1].id")).longValue();

        api.member().body(Map.of("value", 4, "note", "one lead was a duplicate")).header("If-Match", "\"0\"").put("/api/v1/kpis/fixable/measurements/" + first)
                .then().statusCode(200).body("value", equalTo(4.0f)).body("correctionOf", equalTo((int) first))
                .body("note", equalTo("one lead was a duplicate"));
        api.viewer().get("/api/v1/kpis/fixable").then().body("currentValue", equalTo(11.0f));
        api.member().body(Map.of("value", 3)).header("If-Match", "\"0\"").put("/api/v1/kpis/fixable/measurements/" + first).then().statusCode(412);
        // If-Match is required, and names the version it was made against: 1 once withdrawn or corrected
        api.member().body(Map.of("value", 3)).put("/api/v1/kpis/fixable/measurements/" + first).then().statusCode(428);
        api.member().header("If-Match", "\"1\"").delete("/api/v1/kpis/fixable/measurements/" + late).then().statusCode(412);
        api.viewer().get("/api/v1/kpis/fixable/measurements").then().body("items.find { it.id == " + first + " }.version", equalTo(1));

        api.member().header("If-Match", "\"0\"").delete("/api/v1/kpis/fixable/measurements/" + late).then().statusCode(204);
        api.viewer().get("/api/v1/kpis/fixable").then().body("currentValue", equalTo(4.0f));
        api.viewer().get("/api/v1/kpis/fixable/measurements").then().body("items", hasSize(3))
                .body("items[0].withdrawnAt", nullValue())
                .body("items[1].withdrawnAt", notNullValue()).body("items[2].withdrawnAt", notNullValue());
        // the original's externalId still makes a re-send a duplicate
        api.member().body(Map.of("items", List.of(Map.of("kpi", "fixable", "value", 5, "externalId", "a"))))
                .post("/api/v1/measurements:batch").then().body("duplicates", equalTo(1));
        api.member().header("If-Match", "\"0\"").delete("/api/v1/kpis/fixable/measurements/999999999").then().statusCode(404);
        new KpiApiClient().member().header("If-Match", "\"0\"").delete("/api/v1/kpis/fixable/measurements/" + first).then().statusCode(404);
        api.viewer().header("If-Match", "\"0\"").delete("/api/v1/kpis/fixable/measurements/" + first).then().statusCode(403);
        // a cursor that is not one this API returned is a 400 naming it, on either list ordered by sequence
        for (String path : List.of("/api/v1/kpis/fixable/measurements", "/api/v1/kpis/fixable/status-history")) {
            api.viewer().queryParam("cursor", "zz").get(path).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("cursor"));
        }
    }

    @Test
    void shouldForgetADimensionValueWhoseLastMeasurementWasWithdrawn() {
        Map<String, Object> roi = new HashMap<>(KpiApiClient.leads("roi-withdrawn"));
        roi.put("target", Map.of("operator", "AT_LEAST", "value", 10));
        roi.put("aggregation", "LAST");
        roi.put("groupBy", "project");
        api.create(roi).then().statusCode(201);
        api.member().body(Map.of("items", List.of(
                Map.of("kpi", "roi-withdrawn", "value", 12, "dimensions", Map.of("project", "apollo")),
                Map.of("kpi", "roi-withdrawn", "value", 9.5, "dimensions", Map.of("project", "gemini")))))
                .post("/api/v1/measurements:batch").then().statusCode(200).body("accepted", equalTo(2));
        api.viewer().get("/api/v1/kpis/roi-withdrawn").then().body("status", equalTo("AT_RISK"))
                .body("statusByDimension.value", contains("apollo", "gemini"));
        long gemini = ((Number) api.viewer().get("/api/v1/kpis/roi-withdrawn/measurements")
                .path("items.find { it.value == 9.5 }.id")).longValue();

        api.member().header("If-Match", "\"0\"").delete("/api/v1/kpis/roi-withdrawn/measurements/" + gemini).then().statusCode(204);
        // gemini has no measurement left: it is no longer judged, and no longer drags the KPI down
        api.viewer().get("/api/v1/kpis/roi-withdrawn").then().body("statusByDimension.value", contains("apollo"))
                .body("status", equalTo("ON_TRACK")).body("currentValue", equalTo(12.0f));
        // and with the last one gone, none is left
        long apollo = ((Number) api.viewer().get("/api/v1/kpis/roi-withdrawn/measurements")
                .path("items.find { it.value == 12.0 && it.withdrawnAt == null }.id")).longValue();
        api.member().header("If-Match", "\"0\"").delete("/api/v1/kpis/roi-withdrawn/measurements/" + apollo).then().statusCode(204);
        api.viewer().get("/api/v1/kpis/roi-withdrawn").then().body("statusByDimension", hasSize(0))
                .body("status", equalTo("NO_DATA")).body("currentValue", nullValue());
    }
}

package dev.okr.kpi.formula;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

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
class FormulaKpiTest {

    private final KpiApiClient api = new KpiApiClient();

    private Map<String, Object> measured(String key, String aggregation, String groupBy) {
        Map<String, Object> kpi = new HashMap<>(KpiApiClient.leads(key));
        kpi.put("aggregation", aggregation);
        if (groupBy != null) {
            kpi.put("groupBy", groupBy);
        }
        return kpi;
    }

    private Map<String, Object> formula(String key, String expression, String operator, double target, String groupBy) {
        Map<String, Object> kpi = new HashMap<>(KpiApiClient.leads(key));
        kpi.put("dataSource", Map.of("type", "FORMULA", "formula", expression));
        kpi.put("target", Map.of("operator", operator, "value", target));
        kpi.put("aggregation", "LAST");
        kpi.put("unit", "USD");
        if (groupBy != null) {
            kpi.put("groupBy", groupBy);
        }
        return kpi;
    }

    private void send(Object... items) {
        api.member().body(Map.of("items", List.of(items))).post("/api/v1/measurements:batch").then().statusCode(200);
    }

    @Test
    void shouldComputeCostPerLeadAndFollowItsInputs() {
        api.create(measured("spend", "SUM", null)).then().statusCode(201);
        api.create(measured("new-leads", "SUM", null)).then().statusCode(201);
        api.create(formula("cost-per-lead", "spend / new_leads", "AT_MOST", 0.5, null)).then().statusCode(201)
                .body("currentValue", nullValue()).body("status", equalTo("NO_DATA"))
                .body("statusReason", containsString("has no value yet"));

        send(Map.of("kpi", "spend", "value", 30), Map.of("kpi", "new-leads", "value", 0));
        api.viewer().get("/api/v1/kpis/cost-per-lead").then().body("currentValue", nullValue())
                .body("status", equalTo("NO_DATA")).body("statusReason", equalTo("division by zero (new-leads is 0)"));

        send(Map.of("kpi", "new-leads", "value", 60));
        api.viewer().get("/api/v1/kpis/cost-per-lead").then().body("currentValue", equalTo(0.5f))
                .body("status", equalTo("ON_TRACK"));
        // measurements go to the inputs, never to the formula
        send(Map.of("kpi", "cost-per-lead", "value", 1));
        api.member().body(Map.of("items", List.of(Map.of("kpi", "cost-per-lead", "value", 1)))).post("/api/v1/measurements:batch")
                .then().body("results[0].error", containsString("computed from its formula"));
    }

    @Test
    void shouldJudgeRoiPerProject() {
        api.create(measured("revenue", "SUM", "project")).then().statusCode(201);
        api.create(measured("cost", "SUM", "project")).then().statusCode(201);
        Map<String, Object> roi = formula("roi", "(revenue - cost) / cost * 100", "AT_LEAST", 10, "project");
        roi.put("unit", "percent");
        api.create(roi).then().statusCode(201);
        send(Map.of("kpi", "revenue", "value", 1200, "dimensions", Map.of("project", "apollo")),
                Map.of("kpi", "cost", "value", 1000, "dimensions", Map.of("project", "apollo")),
                Map.of("kpi", "revenue", "value", 1050, "dimensions", Map.of("project", "gemini")),
                Map.of("kpi", "cost", "value", 1000, "dimensions", Map.of("project", "gemini")));
        api.viewer().get("/api/v1/kpis/roi").then().statusCode(200)
                .body("statusByDimension.value", org.hamcrest.Matchers.contains("apollo", "gemini"))
                .body("statusByDimension[0].currentValue", equalTo(20.0f))
                .body("statusByDimension[1].currentValue", equalTo(5.0f))
                .body("statusByDimension[1].status", equalTo("OFF_TRACK"))
                .body("status", equalTo("OFF_TRACK"))
                .body("statusReason", equalTo("1 of 2 on track; worst: gemini: 5 % now, target at least 10 % (a threshold: no baseline): 5 pp short"));
    }

    @Test
    void shouldRefuseUnknownKeysSelfReferencesAndCircles() {
        api.create(formula("orphan", "spend / nothing_here", "AT_MOST", 1, null)).then().statusCode(400)
                .body("errors[0].field", equalTo("dataSource.formula")).body("errors[0].message", containsString("no KPI"));
        api.create(formula("broken", "spend / (", "AT_MOST", 1, null)).then().statusCode(400)
                .body("errors[0].field", equalTo("dataSource.formula"));
        api.create(measured("base", "SUM", null)).then().statusCode(201);
        api.create(formula("first", "base * 2", "AT_LEAST", 1, null)).then().statusCode(201);
        api.create(formula("second", "first + 1", "AT_LEAST", 1, null)).then().statusCode(201);
        api.create(formula("selfish", "selfish + 1", "AT_LEAST", 1, null)).then().statusCode(400);
        Map<String, Object> circle = formula("first", "second * 2", "AT_LEAST", 1, null);
        String etag = api.viewer().get("/api/v1/kpis/first").header("ETag");
        api.member().header("If-Match", etag).body(circle).put("/api/v1/kpis/first").then().statusCode(400)
                .body("errors[0].message", containsString("circle"));
        // a change to base reaches second through first
        send(Map.of("kpi", "base", "value", 4));
        api.viewer().get("/api/v1/kpis/second").then().body("currentValue", equalTo(9.0f));
    }
}

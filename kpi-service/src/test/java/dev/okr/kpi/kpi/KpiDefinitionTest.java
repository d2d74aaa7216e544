package dev.okr.kpi.kpi;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.okr.kpi.KpiApiClient;
import dev.okr.kpi.KpiInfra;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(KpiInfra.class)
class KpiDefinitionTest {

    private static final String PROBLEM = "application/problem+json";
    private final KpiApiClient api = new KpiApiClient();

    @Test
    void shouldDefineAKpiWithItsFourComponents() {
        api.create(KpiApiClient.leads("domestic-leads")).then().statusCode(201)
                .header("ETag", equalTo("\"0\""))
                .body("key", equalTo("domestic-leads")).body("target.operator", equalTo("AT_LEAST"))
                .body("dataSource.system", equalTo("Salesforce")).body("frequency", equalTo("WEEKLY"))
                .body("aggregation", equalTo("SUM")).body("tags", contains("q4", "sales"))
                .body("status", equalTo("NO_DATA")).body("statusReason", equalTo("no value yet, expected weekly"))
                .body("currentValue", nullValue()).body("atRiskBand", equalTo(0.1f));
        api.viewer().get("/api/v1/kpis/domestic-leads").then().statusCode(200).body("name", equalTo("New domestic leads"));
    }

    @Test
    void shouldNameTheMissingComponent() {
        for (String component : new String[] {"target", "timeframe", "dataSource", "frequency"}) {
            Map<String, Object> kpi = new HashMap<>(KpiApiClient.leads("missing-" + component.toLowerCase()));
            kpi.remove(component);
            api.create(kpi).then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo(component))
                    .body("errors[0].message", containsString("four components"));
        }
    }

    @Test
    void shouldRejectInconsistentDefinitions() {
        Map<String, Object> between = new HashMap<>(KpiApiClient.leads("band"));
        between.put("target", Map.of("operator", "BETWEEN", "value", 40));
        api.create(between).then().statusCode(400).body("errors[0].field", equalTo("target.upperValue"));

        // every error at once: a field constraint and two disagreements, each naming its field
        Map<String, Object> several = new HashMap<>(KpiApiClient.leads("several"));
        several.put("name", " ");
        several.put("target", Map.of("operator", "BETWEEN", "value", 40));
        several.put("timeframe", Map.of("start", "2026-12-31", "end", "2026-10-01"));
        api.create(several).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", containsInAnyOrder("name", "target.upperValue", "timeframe.end"));

        Map<String, Object> backwards = new HashMap<>(KpiApiClient.leads("backwards"));
        backwards.put("timeframe", Map.of("start", "2026-12-31", "end", "2026-10-01"));
        api.create(backwards).then().statusCode(400).body("errors[0].field", equalTo("timeframe.end"));

        Map<String, Object> noSystem = new HashMap<>(KpiApiClient.leads("no-system"));
        noSystem.put("dataSource", Map.of("type", "INTEGRATION"));
        api.create(noSystem).then().statusCode(400).body("errors[0].field", equalTo("dataSource.system"));

        Map<String, Object> badKey = new HashMap<>(KpiApiClient.leads("Not A Slug"));
        api.create(badKey).then().statusCode(400).body("errors[0].field", equalTo("key"));

        Map<String, Object> badFrequency = new HashMap<>(KpiApiClient.leads("hourly"));
        badFrequency.put("frequency", "HOURLY");
        api.create(badFrequency).then().statusCode(400).body("errors[0].field", equalTo("frequency"));
    }

    @Test
    void shouldKeepKeysUniquePerOrganisation() {
        api.create(KpiApiClient.leads("unique")).then().statusCode(201);
        api.create(KpiApiClient.leads("unique")).then().statusCode(409).body("errors[0].field", equalTo("key"));
        new KpiApiClient().create(KpiApiClient.leads("unique")).then().statusCode(201);
    }

    @Test
    void shouldChangeWithIfMatchAndArchive() {
        String id = api.create(KpiApiClient.leads("changing")).path("id");
        Map<String, Object> changed = new HashMap<>(KpiApiClient.leads("changing"));
        changed.put("target", Map.of("operator", "AT_LEAST", "value", 30));
        api.member().body(changed).put("/api/v1/kpis/" + id).then().statusCode(428);
        api.member().header("If-Match", "\"0\"").body(changed).put("/api/v1/kpis/changing").then().statusCode(200)
                .body("target.value", equalTo(30.0f)).header("ETag", equalTo("\"1\""));
        api.member().header("If-Match", "\"0\"").body(changed).put("/api/v1/kpis/changing").then().statusCode(412);
        api.member().header("If-Match", "\"1\"").delete("/api/v1/kpis/changing").then().statusCode(204);
        api.viewer().get("/api/v1/kpis").then().body("items.key", not(hasItem("changing")));
        api.viewer().queryParam("archived", true).get("/api/v1/kpis").then().body("items.key", hasItem("changing"));
    }

    @Test
    void shouldTakeATargetAsAChangeFromTheBaselineAndShowItBothWays() {
        // "reduce the sales cycle by 2 days", from 5
        Map<String, Object> days = new HashMap<>(KpiApiClient.leads("sales-cycle"));
        days.put("unit", "days");
        days.put("aggregation", "AVG");
        days.put("target", Map.of("operator", "AT_MOST", "baseline", 5, "change", -2));
        api.create(days).then().statusCode(201)
                .body("target.value", equalTo(3.0f)).body("target.baseline", equalTo(5.0f)).body("target.change", equalTo(-2.0f))
                .body("warnings", hasSize(0));
        // an absolute target with a baseline shows its change too, exactly
        Map<String, Object> absolute = new HashMap<>(KpiApiClient.leads("conversion"));
        absolute.put("aggregation", "LAST");
        absolute.put("target", Map.of("operator", "AT_LEAST", "baseline", 0.1, "value", 0.3));
        api.create(absolute).then().statusCode(201).body("target.change", equalTo(0.2f));
        // SUM starts at 0: +40 is a target of 40, and no change is shown for want of a baseline given
        Map<String, Object> more = new HashMap<>(KpiApiClient.leads("more-leads"));
        more.put("target", Map.of("operator", "AT_LEAST", "change", 40));
        api.create(more).then().statusCode(201).body("target.value", equalTo(40.0f)).body("target.change", nullValue());
        // and a changed definition may move from one form to the other
        Map<String, Object> changed = new HashMap<>(days);
        changed.put("target", Map.of("operator", "AT_MOST", "baseline", 6, "change", -1.5));
        api.member().header("If-Match", "\"0\"").body(changed).put("/api/v1/kpis/sales-cycle").then().statusCode(200)
                .body("target.value", equalTo(4.5f)).body("target.change", equalTo(-1.5f));
    }

    @Test
    void shouldWarnThatATargetWithoutABaselineIsAThreshold() {
        Map<String, Object> utilisation = new HashMap<>(KpiApiClient.leads("utilisation"));
        utilisation.put("unit", "percent");
        utilisation.put("aggregation", "LAST");
        utilisation.put("target", Map.of("operator", "AT_LEAST", "value", 85));
        api.create(utilisation).then().statusCode(201)
                .body("warnings.code", contains("NO_BASELINE")).body("warnings[0].message", containsString("threshold"));
        api.viewer().get("/api/v1/kpis/utilisation").then().body("warnings.code", contains("NO_BASELINE"));
        // a band and an accumulating KPI have nothing to warn about
        Map<String, Object> band = new HashMap<>(utilisation);
        band.put("key", "utilisation-band");
        band.put("target", Map.of("operator", "BETWEEN", "value", 80, "upperValue", 90));
        api.create(band).then().statusCode(201).body("warnings", hasSize(0));
        api.create(KpiApiClient.leads("leads-no-warning")).then().statusCode(201).body("warnings", hasSize(0));
    }

    @Test
    void shouldRefuseATargetThatIsNeitherOrBoth() {
        String[][] cases = {
            {"{\"operator\":\"AT_MOST\",\"value\":3,\"baseline\":5,\"change\":-2}", "target.change"},
            {"{\"operator\":\"AT_MOST\",\"baseline\":5}", "target.value"},
            {"{\"operator\":\"AT_MOST\",\"change\":-2}", "target.baseline"},
            {"{\"operator\":\"BETWEEN\",\"baseline\":5,\"change\":2,\"upperValue\":9}", "target.change"},
            {"{\"operator\":\"AT_MOST\",\"baseline\":5,\"change\":0}", "target.change"},
        };
        for (String[] c : cases) {
            Map<String, Object> kpi = new HashMap<>(KpiApiClient.leads("odd-target"));
            kpi.put("aggregation", "LAST");
            kpi.remove("target");
            String body = toJson(kpi).replaceFirst("\\{", "{\"target\":" + c[0] + ",");
            api.member().body(body).post("/api/v1/kpis").then().statusCode(400).contentType(PROBLEM)
                    .body("errors.field", hasItem(c[1]));
        }
        Map<String, Object> huge = new HashMap<>(KpiApiClient.leads("huge"));
        api.member().body(toJson(huge).replace("\"value\":20", "\"baseline\":1e308,\"change\":1e308"))
                .post("/api/v1/kpis").then().statusCode(400).contentType(PROBLEM);
        api.viewer().get("/api/v1/kpis/odd-target").then().statusCode(404);
    }

    private static String toJson(Map<String, Object> value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldFilterByTagAndStatusAndHideOtherOrganisations() {
        KpiApiClient own = new KpiApiClient();
        own.create(KpiApiClient.leads("a")).then().statusCode(201);
        Map<String, Object> other = new HashMap<>(KpiApiClient.leads("b"));
        other.put("tags", java.util.List.of("marketing"));
        own.create(other).then().statusCode(201);
        own.viewer().queryParam("tag", "SALES").get("/api/v1/kpis").then().body("items.key", contains("a"));
        own.viewer().queryParam("status", "NO_DATA").get("/api/v1/kpis").then().body("items", hasSize(2));
        own.viewer().queryParam("status", "GREAT").get("/api/v1/kpis").then().statusCode(400);
        own.viewer().queryParam("limit", 1).get("/api/v1/kpis").then().body("items", hasSize(1));
        new KpiApiClient().viewer().get("/api/v1/kpis/a").then().statusCode(404).contentType(PROBLEM);
    }
}

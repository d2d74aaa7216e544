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

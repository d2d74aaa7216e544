package dev.okr.kpi.measurement;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.okr.kpi.KpiApiClient;
import dev.okr.kpi.KpiInfra;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** What an attacker or a careless integration sends into ingestion gets a per-item reason or a 400, never a 500. */
@QuarkusTest
@WithTestResource(KpiInfra.class)
class HostileMeasurementsTest {

    private static final String PROBLEM = "application/problem+json";
    private final KpiApiClient api = new KpiApiClient();

    private static Map<String, Object> averaged(String key) {
        Map<String, Object> kpi = new LinkedHashMap<>(KpiApiClient.leads(key));
        kpi.put("aggregation", "AVG");
        return kpi;
    }

    @Test
    void shouldRejectAHugeValueAloneAndKeepTheOtherKpisItems() {
        api.create(averaged("avg-target")).then().statusCode(201);
        api.create(KpiApiClient.leads("sum-target")).then().statusCode(201);
        api.member().body(Map.of("items", List.of(
                Map.of("kpi", "avg-target", "value", 1e160),
                Map.of("kpi", "sum-target", "value", 1.7e308),
                Map.of("kpi", "sum-target", "value", 1.7e308),
                Map.of("kpi", "sum-target", "value", 4))))
                .post("/api/v1/measurements:batch").then().statusCode(200)
                .body("accepted", equalTo(1)).body("rejected", equalTo(3))
                .body("results[0].error", equalTo("value: must be between -1e15 and 1e15"))
                .body("results[3].status", equalTo("ACCEPTED"));
        api.viewer().get("/api/v1/kpis/sum-target").then().body("currentValue", equalTo(4.0f));
        api.viewer().get("/api/v1/kpis/avg-target").then().body("currentValue", nullValue());
        api.member().body(Map.of("value", -1e16)).post("/api/v1/kpis/avg-target/measurements")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("value"));
        // the largest value allowed is taken, and every later push still works
        api.member().body(Map.of("value", 1e15)).post("/api/v1/kpis/avg-target/measurements").then().statusCode(201);
        api.member().body(Map.of("value", 5)).post("/api/v1/kpis/avg-target/measurements").then().statusCode(201);
        api.viewer().get("/api/v1/kpis/avg-target").then().body("currentValue", equalTo(5.000000000000025e14f));
    }

    @Test
    void shouldRefuseACorrectionBeyondTheBounds() {
        api.create(KpiApiClient.leads("corrected")).then().statusCode(201);
        api.member().body(Map.of("value", 3)).post("/api/v1/kpis/corrected/measurements").then().statusCode(201);
        long id = ((Number) api.viewer().get("/api/v1/kpis/corrected/measurements").path("items[0].id")).longValue();
        api.member().body(Map.of("value", 1e308)).header("If-Match", "\"0\"").put("/api/v1/kpis/corrected/measurements/" + id)
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("value"));
        api.viewer().get("/api/v1/kpis/corrected").then().body("currentValue", equalTo(3.0f));
    }

    @Test
    void shouldRejectTextPostgresCannotStoreItemByItem() {
        api.create(KpiApiClient.leads("texts")).then().statusCode(201);
        String body = "{\"items\":[{\"kpi\":\"texts\",\"value\":1,\"externalId\":\"a\\u0000b\"},"
                + "{\"kpi\":\"texts\",\"value\":1,\"dimensions\":{\"region\":\"\\ud800\"}},"
                + "{\"kpi\":\"texts\",\"value\":1,\"dimensions\":{\"re\\u0000gion\":\"north\"}},"
                + "{\"kpi\":\"te\\u0000xts\",\"value\":1},"
                + "{\"kpi\":\"texts\",\"value\":2,\"externalId\":\"fine \\ud83d\\ude00\"}]}";
        api.member().body(body).post("/api/v1/measurements:batch").then().statusCode(200)
                .body("accepted", equalTo(1)).body("rejected", equalTo(4))
                .body("results[0].error", containsString("externalId: must not contain the NUL"))
                .body("results[1].error", containsString("dimensions.region: must not contain an unpaired"))
                .body("results[2].error", containsString("dimensions: names must not contain the NUL"))
                .body("results[3].error", containsString("kpi: must not contain the NUL"));
        api.viewer().get("/api/v1/kpis/texts").then().body("currentValue", equalTo(2.0f));
    }

    @Test
    void shouldReadExcelsCsvAndRefuseBytesThatAreNotUtf8() {
        api.create(KpiApiClient.leads("from-excel")).then().statusCode(201);
        byte[] withBom = "\uFEFF\r\nkpi,value,region\r\nfrom-excel,3,north\r\n".getBytes(StandardCharsets.UTF_8);
        api.member().contentType("text/csv").body(withBom).post("/api/v1/measurements:batch")
                .then().statusCode(200).body("accepted", equalTo(1));
        byte[] latin1 = "kpi,value,region\nfrom-excel,3,Malm\u00f6\n".getBytes(StandardCharsets.ISO_8859_1);
        api.member().contentType("text/csv").body(latin1).post("/api/v1/measurements:batch")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("not UTF-8"));
        api.member().contentType("text/csv").body("kpi,value\nfrom-excel,3\u0000\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/measurements:batch").then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("NUL"));
        api.member().contentType("text/csv").body("kpi;value\nfrom-excel;3\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/measurements:batch").then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("it names [kpi;value]"));
        api.viewer().get("/api/v1/kpis/from-excel").then().body("currentValue", equalTo(3.0f));
    }

    @Test
    void shouldLetAnIntegrationKeyIngestButNeverCorrectOrWithdraw() {
        api.create(KpiApiClient.leads("keyed")).then().statusCode(201);
        String key = api.apiKey();
        withKey(key).body(Map.of("value", 2)).post("/api/v1/kpis/keyed/measurements").then().statusCode(201);
        long id = ((Number) api.viewer().get("/api/v1/kpis/keyed/measurements").path("items[0].id")).longValue();
        withKey(key).body(Map.of("value", 1)).header("If-Match", "\"0\"").put("/api/v1/kpis/keyed/measurements/" + id).then().statusCode(403).contentType(PROBLEM);
        withKey(key).header("If-Match", "\"0\"").delete("/api/v1/kpis/keyed/measurements/" + id).then().statusCode(403).contentType(PROBLEM);
        withKey(key).get("/api/v1/kpis/keyed/measurements").then().statusCode(403);
        api.viewer().get("/api/v1/kpis/keyed").then().body("currentValue", equalTo(2.0f));
    }

    @Test
    void shouldNeverTakeAnotherKpisValuesThroughAKeyShapedLikeItsId() {
        String victim = api.create(KpiApiClient.leads("victim")).then().statusCode(201).extract().path("id");
        Map<String, Object> impostor = new LinkedHashMap<>(KpiApiClient.leads(victim));
        api.create(impostor).then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("key"));
        impostor.put("key", "1-1-1-1-1");
        api.create(impostor).then().statusCode(400).body("errors[0].field", equalTo("key"));
        api.member().body(Map.of("items", List.of(Map.of("kpi", victim.toUpperCase(), "value", 6))))
                .post("/api/v1/measurements:batch").then().body("accepted", equalTo(1));
        api.viewer().get("/api/v1/kpis/victim").then().body("currentValue", equalTo(6.0f));
    }

    @Test
    void shouldFingerprintAnIdempotentRequestWhateverTheOrderOfItsKeys() {
        api.create(KpiApiClient.leads("ordered")).then().statusCode(201);
        api.member().header("Idempotency-Key", "order-" + api.org)
                .body("{\"items\":[{\"kpi\":\"ordered\",\"value\":1.0,\"externalId\":\"x\"}]}")
                .post("/api/v1/measurements:batch").then().statusCode(200).body("accepted", equalTo(1));
        api.member().header("Idempotency-Key", "order-" + api.org)
                .body("{\"items\":[{\"externalId\":\"x\",\"value\":1,\"kpi\":\"ordered\"}]}")
                .post("/api/v1/measurements:batch").then().statusCode(200).header("Idempotency-Replayed", "true")
                .body("accepted", equalTo(1));
        api.member().header("Idempotency-Key", "order-" + api.org)
                .body("{\"items\":[{\"externalId\":\"x\",\"value\":2,\"kpi\":\"ordered\"}]}")
                .post("/api/v1/measurements:batch").then().statusCode(422);
    }

    private static RequestSpecification withKey(String key) {
        return RestAssured.given().header("X-Api-Key", key).contentType(ContentType.JSON);
    }
}

package dev.okr.kpi.measurement;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.okr.kpi.KpiApiClient;
import dev.okr.kpi.KpiInfra;
import dev.okr.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(KpiInfra.class)
class CsvAndIdempotencyTest {

    private final KpiApiClient api = new KpiApiClient();

    @Test
    void shouldTakeACsvUploadWithTheSameColumns() {
        api.create(KpiApiClient.leads("csv-leads")).then().statusCode(201);
        String csv = """
                kpi,value,observedAt,externalId,region
                csv-leads,3,2026-11-20T09:00:00Z,row-1,north
                csv-leads,4,,row-2,
                csv-leads,lots,2026-11-20T09:00:00Z,row-3,south
                unknown,1,,row-4,
                """;
        given().auth().oauth2(TestTokens.member(api.org)).contentType("text/csv").body(csv)
                .post("/api/v1/measurements:batch").then().statusCode(200)
                .body("accepted", equalTo(2)).body("rejected", equalTo(2))
                .body("results.status", contains("ACCEPTED", "ACCEPTED", "REJECTED", "REJECTED"))
                .body("results[2].error", equalTo("value: must be a number"));
        api.viewer().get("/api/v1/kpis/csv-leads").then().body("currentValue", equalTo(7.0f));
        api.viewer().get("/api/v1/kpis/csv-leads/measurements").then()
                .body("items[1].dimensions.region", equalTo("north"))
                .body("items[0].dimensions.size()", equalTo(0));
        given().auth().oauth2(TestTokens.member(api.org)).contentType("text/csv").body("value\n3\n")
                .post("/api/v1/measurements:batch").then().statusCode(400).body("errors[0].field", equalTo("header"));
    }

    @Test
    void shouldAnswerARetryWithTheFirstAnswerAndStoreNothingTwice() {
        api.create(KpiApiClient.leads("retried")).then().statusCode(201);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("items", List.of(Map.of("kpi", "retried", "value", 5), Map.of("kpi", "nope", "value", 1)));
        api.member().header("Idempotency-Key", key).body(body).post("/api/v1/measurements:batch").then().statusCode(200)
                .header("Idempotency-Replayed", nullValue()).body("accepted", equalTo(1)).body("rejected", equalTo(1));
        api.member().header("Idempotency-Key", key).body(body).post("/api/v1/measurements:batch").then().statusCode(200)
                .header("Idempotency-Replayed", equalTo("true")).body("accepted", equalTo(1)).body("rejected", equalTo(1));
        // no externalId, yet nothing was stored twice
        api.viewer().get("/api/v1/kpis/retried").then().body("currentValue", equalTo(5.0f));

        api.member().header("Idempotency-Key", key).body(Map.of("items", List.of(Map.of("kpi", "retried", "value", 6))))
                .post("/api/v1/measurements:batch").then().statusCode(422).contentType("application/problem+json");
        // keys are per organisation
        KpiApiClient other = new KpiApiClient();
        other.create(KpiApiClient.leads("retried")).then().statusCode(201);
        other.member().header("Idempotency-Key", key).body(body).post("/api/v1/measurements:batch").then().statusCode(200)
                .header("Idempotency-Replayed", nullValue());

        String single = UUID.randomUUID().toString();
        api.member().header("Idempotency-Key", single).body(Map.of("value", 2)).post("/api/v1/kpis/retried/measurements")
                .then().statusCode(201);
        api.member().header("Idempotency-Key", single).body(Map.of("value", 2)).post("/api/v1/kpis/retried/measurements")
                .then().statusCode(201).header("Idempotency-Replayed", equalTo("true"));
        api.viewer().get("/api/v1/kpis/retried").then().body("currentValue", equalTo(7.0f));
    }
}

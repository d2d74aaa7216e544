package dev.okr.kpi;

import static io.restassured.RestAssured.given;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.okr.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Test helpers that speak to kpi-service's API as one organisation. */
public final class KpiApiClient {

    public final String org = UUID.randomUUID().toString();

    public RequestSpecification member() {
        return given().auth().oauth2(TestTokens.member(org)).contentType(ContentType.JSON);
    }

    public RequestSpecification viewer() {
        return given().auth().oauth2(TestTokens.viewer(org)).contentType(ContentType.JSON);
    }

    /** Another member of the same organisation: not the owner of the KPIs {@link #member()} created. */
    public RequestSpecification otherMember() {
        return given().auth().oauth2(TestTokens.token(org, "member", "other@" + org)).contentType(ContentType.JSON);
    }

    public RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin(org)).contentType(ContentType.JSON);
    }

    /** "20 new domestic leads this quarter, tracked weekly from the CRM": a SUM over a time frame around today. */
    public static Map<String, Object> leads(String key) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Map<String, Object> kpi = new HashMap<>();
        kpi.put("key", key);
        kpi.put("name", "New domestic leads");
        kpi.put("unit", "leads");
        kpi.put("target", Map.of("operator", "AT_LEAST", "value", 20));
        kpi.put("timeframe", Map.of("start", today.minusDays(45).toString(), "end", today.plusDays(44).toString()));
        kpi.put("dataSource", Map.of("type", "INTEGRATION", "system", "Salesforce"));
        kpi.put("frequency", "WEEKLY");
        kpi.put("aggregation", "SUM");
        kpi.put("tags", List.of("Sales", "q4"));
        return kpi;
    }

    public Response create(Map<String, Object> kpi) {
        return member().body(kpi).post("/api/v1/kpis");
    }

    public String apiKey() {
        return admin().body(Map.of("name", "CRM")).post("/api/v1/integrations").then().statusCode(201).extract().path("apiKey");
    }

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("okr.test.kafka.bootstrap", String.class);
    }
}

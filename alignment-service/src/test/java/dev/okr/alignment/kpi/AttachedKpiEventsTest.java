package dev.okr.alignment.kpi;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.okr.alignment.AlignmentInfra;
import dev.okr.contracts.Topics;
import dev.okr.testsupport.KafkaRecords;
import dev.okr.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** A KPI attached to units and objectives is announced, with where it is attached, when its value, status or attachments change. */
@QuarkusTest
@WithTestResource(AlignmentInfra.class)
class AttachedKpiEventsTest {

    private final String org = UUID.randomUUID().toString();

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("okr.test.kafka.bootstrap", String.class);
    }

    private RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin(org)).contentType(ContentType.JSON);
    }

    private void kpi(String id, String key, double value, String status, long version) {
        KafkaRecords.send(bootstrap(), Topics.KPIS, id, """
                {"specversion":"1.0","id":"%s","type":"dev.okr.kpi.measured","source":"/kpi-service","subject":"%s","orgid":"%s",
                 "data":{"id":"%s","organisationId":"%s","key":"%s","name":"Closed deals","unit":"deals",
                 "currentValue":%s,"status":"%s","archived":false,"version":%d}}""".formatted(UUID.randomUUID(), id, org, id, org, key,
                value, status, version));
    }

    private static List<JsonPath> announced(String kpi, int atLeast) {
        return KafkaRecords.await(bootstrap(), Topics.ALIGNMENT, r -> kpi.equals(r.key()) && r.value().contains("dev.okr.kpi-attachment.changed"),
                atLeast, Duration.ofSeconds(30)).stream().map(r -> JsonPath.from(r.value())).toList();
    }

    @Test
    void shouldAnnounceAnAttachedKpiWithWhereItIsAttached() {
        String company = admin().body(Map.of("name", "Acme", "type", "COMPANY")).post("/api/v1/org-units").then().statusCode(201)
                .extract().path("id");
        String sales = admin().body(Map.of("name", "Sales", "type", "DEPARTMENT", "parentId", company)).post("/api/v1/org-units")
                .then().statusCode(201).extract().path("id");
        String deals = UUID.randomUUID().toString();
        String lonely = UUID.randomUUID().toString();
        kpi(deals, "deals", 3, "AT_RISK", 1);
        kpi(lonely, "lonely", 1, "ON_TRACK", 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> admin().body(Map.of("kpiId", deals, "unitId", sales))
                .post("/api/v1/kpi-attachments").statusCode() == 201);

        // attached: announced with the unit
        JsonPath attached = announced(deals, 1).get(0);
        assertEquals(org, attached.getString("orgid"));
        assertEquals(List.of(sales), attached.getList("data.unitIds"));
        assertEquals("AT_RISK", attached.getString("data.status"));
        assertEquals(3.0f, attached.getFloat("data.currentValue"));

        // its value moves: announced again, with the new value and status
        kpi(deals, "deals", 9, "ON_TRACK", 2);
        JsonPath moved = announced(deals, 2).get(1);
        assertEquals("ON_TRACK", moved.getString("data.status"));
        assertEquals(2, moved.getInt("data.kpiVersion"));
        assertEquals(List.of(sales), moved.getList("data.unitIds"));

        // a redelivery changes nothing, and a KPI attached nowhere is never announced
        kpi(deals, "deals", 9, "ON_TRACK", 2);
        kpi(lonely, "lonely", 2, "ON_TRACK", 2);
        kpi(deals, "deals", 10, "ON_TRACK", 3);
        assertEquals(3, announced(deals, 3).size(), "announced once per change");
        assertTrue(KafkaRecords.collect(bootstrap(), Topics.ALIGNMENT, r -> lonely.equals(r.key()), found -> false,
                Duration.ofSeconds(2), Duration.ZERO).isEmpty());

        // detached: announced once more, attached nowhere now
        String attachment = admin().queryParam("unitId", sales).get("/api/v1/kpi-attachments").path("[0].id");
        admin().header("If-Match", "\"0\"").delete("/api/v1/kpi-attachments/" + attachment).then().statusCode(204);
        JsonPath detached = announced(deals, 4).get(3);
        assertEquals(List.of(), detached.getList("data.unitIds"));
    }
}

package dev.okr.alignment.orgunit;

import org.hamcrest.Matchers;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.okr.alignment.AlignmentInfra;
import dev.okr.platform.events.Topics;
import dev.okr.testsupport.KafkaRecords;
import dev.okr.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(AlignmentInfra.class)
class OrgUnitChangesTest {

    private final String org = UUID.randomUUID().toString();

    private RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin(org)).contentType(ContentType.JSON);
    }

    private String unit(String name, String type, String parent) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "type", type));
        if (parent != null) {
            body.put("parentId", parent);
        }
        return admin().body(body).post("/api/v1/org-units").then().statusCode(201).extract().path("id");
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("okr.test.kafka.bootstrap", String.class);
    }

    @Test
    void shouldRenameMoveAndArchiveUnits() {
        String company = unit("Acme", "COMPANY", null);
        String marketing = unit("Marketing", "DEPARTMENT", company);
        String product = unit("Product", "DEPARTMENT", company);
        String growth = unit("Growth", "TEAM", marketing);

        admin().body(Map.of("name", "Growth squad")).patch("/api/v1/org-units/" + growth).then().statusCode(428);
        admin().header("If-Match", "\"0\"").body(Map.of("name", "Growth squad", "parentId", product, "leadId", "lena"))
                .patch("/api/v1/org-units/" + growth).then().statusCode(200)
                .body("name", equalTo("Growth squad")).body("parentId", equalTo(product)).body("leadId", equalTo("lena"));
        admin().header("If-Match", "\"0\"").body(Map.of("parentId", growth)).patch("/api/v1/org-units/" + product)
                .then().statusCode(400).body("errors[0].field", equalTo("parentId"));
        admin().header("If-Match", "\"0\"").body(Map.of("parentId", marketing)).patch("/api/v1/org-units/" + company)
                .then().statusCode(400).body("detail", containsString("root"));

        admin().header("If-Match", "\"0\"").delete("/api/v1/org-units/" + product).then().statusCode(409);
        admin().header("If-Match", "\"0\"").delete("/api/v1/org-units/" + marketing).then().statusCode(204);
        admin().get("/api/v1/org-units/tree").then().body("[0].children.name", contains("Product"));

        admin().body(Map.of("members", List.of("maria", "tom", "maria"))).put("/api/v1/org-units/" + product + "/members")
                .then().statusCode(200).body("members", contains("maria", "tom"));
        given().auth().oauth2(TestTokens.member(org)).contentType(ContentType.JSON).body(Map.of("members", List.of()))
                .put("/api/v1/org-units/" + product + "/members").then().statusCode(403);
    }

    @Test
    void shouldAttachKpisAndSummariseAUnit() {
        String company = unit("Acme", "COMPANY", null);
        String sales = unit("Sales", "DEPARTMENT", company);
        admin().body(Map.of("members", List.of("maria"))).put("/api/v1/org-units/" + sales + "/members").then().statusCode(200);
        String kpi = UUID.randomUUID().toString();
        String cycle = UUID.randomUUID().toString();
        KafkaRecords.send(bootstrap(), Topics.KPIS, kpi, """
                {"specversion":"1.0","id":"%s","type":"dev.okr.kpi.measured","source":"/kpi-service","subject":"%s","orgid":"%s",
                 "data":{"id":"%s","organisationId":"%s","key":"leads","name":"New domestic leads","unit":"leads",
                 "currentValue":14,"status":"ON_TRACK","archived":false,"version":3}}""".formatted(UUID.randomUUID(), kpi, org, kpi, org));
        String top = UUID.randomUUID().toString();
        String mine = UUID.randomUUID().toString();
        String stray = UUID.randomUUID().toString();
        for (String[] o : new String[][] {{top, "COMPANY", "x", "null"}, {mine, "PERSON", "maria", "0.4"}, {stray, "UNIT", sales, "0.2"}}) {
            String progress = o[3];
            KafkaRecords.send(bootstrap(), Topics.OBJECTIVES, o[0], """
                    {"specversion":"1.0","id":"%s","type":"dev.okr.objective.created","source":"/objectives-service","subject":"%s",
                     "orgid":"%s","data":{"id":"%s","cycleId":"%s","title":"t","owner":{"type":"%s","id":"%s"},"status":"ACTIVE",
                     "progress":%s,"health":"%s","keyResults":%s,"version":0}}""".formatted(UUID.randomUUID(), o[0], org, o[0], cycle,
                    o[1], o[2], progress.equals("null") ? "0" : progress, o[1].equals("PERSON") ? "AT_RISK" : "ON_TRACK",
                    progress.equals("null") ? "[]" : "[{}]"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> admin().body(Map.of("kpiId", kpi, "unitId", sales))
                .post("/api/v1/kpi-attachments").statusCode() == 201);
        await().atMost(Duration.ofSeconds(30)).until(() -> admin().get("/api/v1/alignment/objectives/" + stray + "/parents").statusCode() == 200
                && admin().get("/api/v1/alignment/objectives/" + mine + "/parents").statusCode() == 200
                && admin().get("/api/v1/alignment/objectives/" + top + "/parents").statusCode() == 200);
        admin().body(Map.of("parents", List.of(Map.of("parentId", top, "weight", 1)))).put("/api/v1/alignment/objectives/" + mine + "/parents")
                .then().statusCode(200);

        admin().body(Map.of("kpiId", kpi, "unitId", sales)).post("/api/v1/kpi-attachments").then().statusCode(409);
        admin().body(Map.of("kpiId", UUID.randomUUID().toString(), "unitId", sales)).post("/api/v1/kpi-attachments")
                .then().statusCode(400).body("errors[0].field", equalTo("kpiId"));
        admin().queryParam("unitId", sales).get("/api/v1/kpi-attachments").then().statusCode(200)
                .body("", hasSize(1)).body("[0].status", equalTo("ON_TRACK")).body("[0].currentValue", equalTo(14.0f));

        // sales owns "stray" (not aligned) and its member maria owns "mine" (aligned to the company): coverage 0.5
        admin().queryParam("cycleId", cycle).get("/api/v1/org-units/" + sales + "/summary").then().statusCode(200)
                .body("objectives", equalTo(2)).body("alignmentCoverage", equalTo(0.5f))
                .body("healthMix.AT_RISK", equalTo(1)).body("healthMix.ON_TRACK", equalTo(1))
                .body("rolledUpProgress", equalTo(0.3f)).body("kpis", hasSize(1));

        // the KPIs of a page of objectives in one call
        admin().body(Map.of("kpiId", kpi, "objectiveId", mine)).post("/api/v1/kpi-attachments").then().statusCode(201);
        admin().body(Map.of("kpiId", kpi, "objectiveId", stray)).post("/api/v1/kpi-attachments").then().statusCode(201);
        admin().queryParam("objectiveIds", mine + "," + stray + "," + UUID.randomUUID()).get("/api/v1/kpi-attachments").then()
                .statusCode(200).body("", hasSize(2)).body("objectiveId", Matchers.containsInAnyOrder(mine, stray))
                .body("kpiId", Matchers.everyItem(equalTo(kpi)));
        given().auth().oauth2(TestTokens.admin(UUID.randomUUID().toString())).queryParam("objectiveIds", mine)
                .get("/api/v1/kpi-attachments").then().statusCode(200).body("", hasSize(0));
        admin().queryParam("objectiveIds", mine + ",nope").get("/api/v1/kpi-attachments").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("objectiveIds"));
        admin().get("/api/v1/kpi-attachments").then().statusCode(400).contentType("application/problem+json");

        String attachment = admin().queryParam("unitId", sales).get("/api/v1/kpi-attachments").path("[0].id");
        given().auth().oauth2(TestTokens.admin(UUID.randomUUID().toString())).delete("/api/v1/kpi-attachments/" + attachment)
                .then().statusCode(404);
        admin().delete("/api/v1/kpi-attachments/" + attachment).then().statusCode(204);
    }
}

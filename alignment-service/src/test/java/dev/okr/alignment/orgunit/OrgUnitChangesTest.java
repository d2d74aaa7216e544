package dev.okr.alignment.orgunit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.config.ConfigProvider;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

import dev.okr.alignment.AlignmentInfra;
import dev.okr.contracts.Topics;
import dev.okr.testsupport.KafkaRecords;
import dev.okr.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
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
        String moved = admin().header("If-Match", "\"0\"").body(Map.of("name", "Growth squad", "parentId", product, "leadId", "lena"))
                .patch("/api/v1/org-units/" + growth).then().statusCode(200)
                .body("name", equalTo("Growth squad")).body("parentId", equalTo(product)).body("leadId", equalTo("lena"))
                .extract().header("ETag");
        // a merge patch's null removes the lead; a name cannot be removed
        Map<String, Object> noLead = new HashMap<>();
        noLead.put("leadId", null);
        admin().header("If-Match", moved).body(noLead).patch("/api/v1/org-units/" + growth).then().statusCode(200)
                .body("leadId", Matchers.nullValue()).body("name", equalTo("Growth squad"));
        Map<String, Object> noName = new HashMap<>();
        noName.put("name", null);
        admin().header("If-Match", "*").body(noName).patch("/api/v1/org-units/" + growth).then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
        admin().header("If-Match", "\"0\"").body(Map.of("parentId", growth)).patch("/api/v1/org-units/" + product)
                .then().statusCode(400).body("errors[0].field", equalTo("parentId"));
        admin().header("If-Match", "\"0\"").body(Map.of("parentId", marketing)).patch("/api/v1/org-units/" + company)
                .then().statusCode(400).body("detail", containsString("root"));

        admin().header("If-Match", "\"0\"").delete("/api/v1/org-units/" + product).then().statusCode(409);
        admin().header("If-Match", "\"0\"").delete("/api/v1/org-units/" + marketing).then().statusCode(204);
        admin().get("/api/v1/org-units/tree").then().body("[0].children.name", contains("Product"));

        admin().body(Map.of("members", List.of("maria", "tom", "maria"))).header("If-Match", "*").put("/api/v1/org-units/" + product + "/members")
                .then().statusCode(200).body("members", contains("maria", "tom"));
        given().auth().oauth2(TestTokens.member(org)).contentType(ContentType.JSON).body(Map.of("members", List.of()))
                .header("If-Match", "*").put("/api/v1/org-units/" + product + "/members").then().statusCode(403);
    }

    @Test
    void shouldAttachKpisAndSummariseAUnit() {
        String company = unit("Acme", "COMPANY", null);
        String sales = unit("Sales", "DEPARTMENT", company);
        admin().body(Map.of("members", List.of("maria"))).header("If-Match", "*").put("/api/v1/org-units/" + sales + "/members").then().statusCode(200);
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
        admin().body(Map.of("parents", List.of(Map.of("parentId", top, "weight", 1)))).header("If-Match", "*").put("/api/v1/alignment/objectives/" + mine + "/parents")
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
                .body("rollupProgress", equalTo(0.3f)).body("kpis", hasSize(1));

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
        given().auth().oauth2(TestTokens.admin(UUID.randomUUID().toString())).header("If-Match", "*").delete("/api/v1/kpi-attachments/" + attachment)
                .then().statusCode(404);
        admin().header("If-Match", "*").delete("/api/v1/kpi-attachments/" + attachment).then().statusCode(204);
    }

    @Test
    void shouldKeepExactlyOneRequestsMembersWhenSixteenRace() throws Exception {
        String company = unit("Race Inc", "COMPANY", null);
        String team = unit("Racers", "DEPARTMENT", company);
        admin().body(Map.of("members", List.of("someone"))).put("/api/v1/org-units/" + team + "/members").then().statusCode(428);
        String etag = admin().get("/api/v1/org-units/" + team).then().statusCode(200).extract().header("ETag");
        // sixteen disjoint lists sent at once, each against the version read: one wins, the others are told it moved
        List<CompletableFuture<Response>> sent = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            List<String> members = List.of("a" + i, "b" + i, "c" + i);
            sent.add(CompletableFuture.supplyAsync(() -> admin().header("If-Match", etag)
                    .body(Map.of("members", members)).put("/api/v1/org-units/" + team + "/members")));
        }
        List<Response> answers = sent.stream().map(CompletableFuture::join).toList();
        List<Response> won = answers.stream().filter(r -> r.statusCode() == 200).toList();
        assertEquals(1, won.size(), "exactly one of 16: " + answers.stream().map(r -> r.statusCode()).toList());
        assertEquals(15, answers.stream().filter(r -> r.statusCode() == 412).count());
        List<String> winner = won.get(0).path("members");
        admin().get("/api/v1/org-units/" + team).then().body("members", equalTo(winner));

        // with If-Match: * they take turns: every one succeeds, and what is stored is exactly one request's list
        sent.clear();
        for (int i = 0; i < 16; i++) {
            List<String> members = List.of("x" + i, "y" + i, "shared");
            sent.add(CompletableFuture.supplyAsync(() -> admin().header("If-Match", "*")
                    .body(Map.of("members", members)).put("/api/v1/org-units/" + team + "/members")));
        }
        List<Integer> statuses = sent.stream().map(f -> f.join().statusCode()).toList();
        assertEquals(List.of(200), statuses.stream().distinct().toList(), statuses.toString());
        List<String> stored = admin().get("/api/v1/org-units/" + team).path("members");
        assertEquals(3, stored.size(), stored.toString());
        String suffix = stored.stream().filter(m -> m.startsWith("x")).findFirst().orElseThrow().substring(1);
        assertEquals(List.of("shared", "x" + suffix, "y" + suffix), stored);
    }
}

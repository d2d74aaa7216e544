package dev.okr.alignment.link;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
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
import io.restassured.specification.RequestSpecification;

/**
 * The four-level cascade: company "Become the market leader in SaaS" ← marketing and product department
 * objectives ← a team objective ← a person's objective. Objectives arrive as objectives-service's events.
 */
@QuarkusTest
@WithTestResource(AlignmentInfra.class)
class AlignmentTest {

    private final String org = UUID.randomUUID().toString();
    private final String cycle = UUID.randomUUID().toString();

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("okr.test.kafka.bootstrap", String.class);
    }

    private RequestSpecification member() {
        return given().auth().oauth2(TestTokens.member(org)).contentType(ContentType.JSON);
    }

    /** objectives-service's event for an objective's state: with key results when progress is given, else none. */
    private void objective(String id, String title, String ownerType, Double progress, long version) {
        String keyResults = progress == null ? "[]" : "[{\"id\":\"" + UUID.randomUUID() + "\"}]";
        KafkaRecords.send(bootstrap(), Topics.OBJECTIVES, id, """
                {"specversion":"1.0","id":"%s","type":"dev.okr.objective.updated","source":"/objectives-service","subject":"%s",
                 "time":"2026-11-27T09:00:00Z","orgid":"%s","data":{"id":"%s","cycleId":"%s","title":"%s",
                 "owner":{"type":"%s","id":"x"},"status":"ACTIVE","progress":%s,"health":"ON_TRACK","keyResults":%s,"version":%d}}"""
                .formatted(UUID.randomUUID(), id, org, id, cycle, title, ownerType, progress == null ? 0 : progress, keyResults, version));
    }

    private void known(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                member().get("/api/v1/alignment/objectives/" + id + "/parents").statusCode() == 200);
    }

    private void align(String child, String parent, double weight) {
        member().body(Map.of("parents", List.of(Map.of("parentId", parent, "weight", weight))))
                .header("If-Match", "*").put("/api/v1/alignment/objectives/" + child + "/parents").then().statusCode(200);
    }

    private float rollup(String id) {
        return member().get("/api/v1/alignment/objectives/" + id + "/parents").path("rollupProgress");
    }

    @Test
    void shouldRollACheckInUpFourLevels() {
        String company = UUID.randomUUID().toString();
        String marketing = UUID.randomUUID().toString();
        String product = UUID.randomUUID().toString();
        String team = UUID.randomUUID().toString();
        String person = UUID.randomUUID().toString();
        objective(company, "Become the market leader in SaaS", "COMPANY", null, 0);
        objective(marketing, "Expand reach to audiences on all digital platforms", "UNIT", 0.0, 0);
        objective(product, "Build a high-performance website", "UNIT", 0.0, 0);
        objective(team, "Launch the social campaign", "UNIT", 0.0, 0);
        objective(person, "Publish weekly videos", "PERSON", 0.0, 0);
        for (String id : List.of(company, marketing, product, team, person)) {
            known(id);
        }
        align(marketing, company, 1);
        align(product, company, 1);
        align(team, marketing, 1);
        align(person, team, 1);

        // the person checks in: their objective is half done
        objective(person, "Publish weekly videos", "PERSON", 0.5, 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(Math.abs(rollup(company) - 0.0625f) < 1e-6,
                "company roll-up " + rollup(company)));
        assertTrue(Math.abs(rollup(team) - 0.25f) < 1e-6);
        assertTrue(Math.abs(rollup(marketing) - 0.125f) < 1e-6);

        member().queryParam("depth", 4).get("/api/v1/alignment/objectives/" + company + "/tree").then().statusCode(200)
                .body("title", equalTo("Become the market leader in SaaS"))
                .body("rollupProgress", equalTo(0.0625f))
                .body("children.title", containsInAnyOrder(
                        "Expand reach to audiences on all digital platforms", "Build a high-performance website"))
                .body("children.find { it.title.startsWith('Expand') }.children[0].children[0].title", equalTo("Publish weekly videos"));
        member().queryParam("depth", 1).get("/api/v1/alignment/objectives/" + company + "/tree").then()
                .body("children.children.flatten()", hasSize(0));
        member().get("/api/v1/alignment/objectives/" + person + "/path").then().statusCode(200)
                .body("paths", hasSize(1))
                .body("paths[0].title", contains("Publish weekly videos", "Launch the social campaign",
                        "Expand reach to audiences on all digital platforms", "Become the market leader in SaaS"));

        // the roll-ups were published for objectives-service
        var events = KafkaRecords.await(bootstrap(), Topics.ALIGNMENT, r -> company.equals(r.key()) && r.value().contains("rollup.changed"),
                1, Duration.ofSeconds(20));
        assertTrue(events.stream().anyMatch(e -> e.value().contains("\"rollupProgress\":0.0625")), events.toString());
    }

    @Test
    void shouldRefuseCirclesUnknownParentsAndBadWeights() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String c = UUID.randomUUID().toString();
        objective(a, "A", "COMPANY", null, 0);
        objective(b, "B", "UNIT", 0.1, 0);
        objective(c, "C", "PERSON", 0.2, 0);
        known(a);
        known(b);
        known(c);
        align(b, a, 1);
        align(c, b, 1);
        member().body(Map.of("parents", List.of(Map.of("parentId", c, "weight", 1)))).header("If-Match", "*").put("/api/v1/alignment/objectives/" + a + "/parents")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("parents[0].parentId")).body("detail", containsString("circle"));
        member().body(Map.of("parents", List.of(Map.of("parentId", a, "weight", 1)))).header("If-Match", "*").put("/api/v1/alignment/objectives/" + a + "/parents")
                .then().statusCode(400).body("detail", containsString("itself"));
        member().body(Map.of("parents", List.of(Map.of("parentId", UUID.randomUUID().toString(), "weight", 1))))
                .header("If-Match", "*").put("/api/v1/alignment/objectives/" + c + "/parents").then().statusCode(400)
                .body("errors[0].field", equalTo("parents[0].parentId"));
        member().body(Map.of("parents", List.of(Map.of("parentId", a, "weight", 0)))).header("If-Match", "*").put("/api/v1/alignment/objectives/" + c + "/parents")
                .then().statusCode(400).body("errors[0].field", equalTo("parents[0].weight"));
        member().body(Map.of("parents", List.of())).header("If-Match", "*").put("/api/v1/alignment/objectives/" + UUID.randomUUID() + "/parents")
                .then().statusCode(404);
        // another organisation sees none of it
        given().auth().oauth2(TestTokens.member(UUID.randomUUID().toString())).contentType(ContentType.JSON)
                .body(Map.of("parents", List.of(Map.of("parentId", a, "weight", 1))))
                .header("If-Match", "*").put("/api/v1/alignment/objectives/" + c + "/parents").then().statusCode(404);
    }

    @Test
    void shouldChangeParentsOnlyAgainstTheVersionRead() {
        String top = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        String child = UUID.randomUUID().toString();
        objective(top, "Top", "COMPANY", null, 0);
        objective(other, "Other", "COMPANY", null, 0);
        objective(child, "Child", "UNIT", 0.5, 0);
        known(top);
        known(other);
        known(child);
        String path = "/api/v1/alignment/objectives/" + child + "/parents";
        member().body(Map.of("parents", List.of(Map.of("parentId", top, "weight", 1)))).put(path).then().statusCode(428)
                .contentType("application/problem+json");
        String etag = member().get(path).then().statusCode(200).header("ETag", equalTo("\"0\"")).extract().header("ETag");
        member().header("If-Match", etag).body(Map.of("parents", List.of(Map.of("parentId", top, "weight", 1)))).put(path)
                .then().statusCode(200).header("ETag", equalTo("\"1\"")).body("version", equalTo(1));
        // a second person who read the links before that change is told so, and changes nothing
        member().header("If-Match", etag).body(Map.of("parents", List.of(Map.of("parentId", other, "weight", 1)))).put(path)
                .then().statusCode(412).contentType("application/problem+json");
        member().header("If-Match", "W/\"1\"").body(Map.of("parents", List.of(Map.of("parentId", other, "weight", 1)))).put(path)
                .then().statusCode(412);
        member().get(path).then().body("parents.parentId", contains(top));
    }

    @Test
    void shouldWeighSeveralParentsAndListOrphans() {
        String company = UUID.randomUUID().toString();
        String sales = UUID.randomUUID().toString();
        String marketing = UUID.randomUUID().toString();
        String shared = UUID.randomUUID().toString();
        String lonely = UUID.randomUUID().toString();
        objective(company, "Company", "COMPANY", null, 0);
        objective(sales, "Sales", "UNIT", 0.2, 0);
        objective(marketing, "Marketing", "UNIT", 0.4, 0);
        objective(shared, "Shared campaign", "UNIT", 0.8, 0);
        objective(lonely, "Lonely", "PERSON", 0.3, 0);
        for (String id : List.of(company, sales, marketing, shared, lonely)) {
            known(id);
        }
        align(sales, company, 1);
        align(marketing, company, 1);
        // the shared objective counts fully under both parents, weight 3 under sales
        member().body(Map.of("parents", List.of(Map.of("parentId", sales, "weight", 3), Map.of("parentId", marketing, "weight", 1))))
                .header("If-Match", "*").put("/api/v1/alignment/objectives/" + shared + "/parents").then().statusCode(200)
                .body("parents", hasSize(2));
        // sales: (0.2 + 3 × 0.8) / 4 = 0.65; marketing: (0.4 + 0.8) / 2 = 0.6; company: (0.65 + 0.6) / 2 = 0.625
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertTrue(Math.abs(rollup(company) - 0.625f) < 1e-6,
                "company " + rollup(company)));
        assertTrue(Math.abs(rollup(sales) - 0.65f) < 1e-6);
        member().get("/api/v1/alignment/objectives/" + shared + "/path").then().body("paths", hasSize(2));

        member().queryParam("cycleId", cycle).get("/api/v1/alignment/orphans").then().statusCode(200)
                .body("id", hasItem(lonely)).body("id", not(hasItem(shared))).body("id", not(hasItem(company)));

        // the same event twice and an older one late change nothing
        objective(sales, "Sales", "UNIT", 0.6, 2);
        objective(sales, "Sales", "UNIT", 0.6, 2);
        objective(sales, "Sales", "UNIT", 0.0, 1);
        objective(company, "Company", "COMPANY", null, 1); // a marker after them
        // sales: (0.6 + 2.4) / 4 = 0.75; company: (0.75 + 0.6) / 2 = 0.675
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(Math.abs(rollup(company) - 0.675f) < 1e-6,
                "company " + rollup(company)));
        assertTrue(Math.abs(rollup(sales) - 0.75f) < 1e-6);
    }

    @Test
    void shouldStayExactUnderABurstOfChanges() {
        String company = UUID.randomUUID().toString();
        objective(company, "Company", "COMPANY", null, 0);
        List<String> teams = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String team = UUID.randomUUID().toString();
            teams.add(team);
            objective(team, "Team " + i, "UNIT", 0.0, 0);
        }
        known(company);
        for (String team : teams) {
            known(team);
            align(team, company, 1);
        }
        // three rounds of check-ins for every team, sent as one burst; the last round counts
        double expected = 0;
        for (int round = 1; round <= 3; round++) {
            for (int i = 0; i < teams.size(); i++) {
                double progress = ((i * 7 + round * 3) % 10) / 10.0;
                objective(teams.get(i), "Team " + i, "UNIT", progress, round);
                if (round == 3) {
                    expected += progress / teams.size();
                }
            }
        }
        double want = expected;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertTrue(Math.abs(rollup(company) - want) < 1e-6,
                "company " + rollup(company) + ", expected " + want));
    }

    @Test
    void shouldLetAnOrganisationWeighOwnProgressDifferently() {
        String parent = UUID.randomUUID().toString();
        String child = UUID.randomUUID().toString();
        objective(parent, "Parent", "COMPANY", 1.0, 0);
        objective(child, "Child", "UNIT", 0.4, 0);
        known(parent);
        known(child);
        align(child, parent, 1);
        // default own weight 1: (1.0 + 0.4) / 2 = 0.7
        assertTrue(Math.abs(rollup(parent) - 0.7f) < 1e-6, "parent " + rollup(parent));
        member().get("/api/v1/settings/alignment").then().statusCode(200).header("ETag", equalTo("\"0\"")).body("ownWeight", equalTo(1.0f));
        member().header("If-Match", "\"0\"").body(Map.of("ownWeight", 2)).put("/api/v1/settings/alignment").then().statusCode(403);
        given().auth().oauth2(TestTokens.admin(org)).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("ownWeight", 2)).put("/api/v1/settings/alignment").then().statusCode(200).header("ETag", equalTo("\"1\""));
        given().auth().oauth2(TestTokens.admin(org)).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("ownWeight", -1)).put("/api/v1/settings/alignment").then().statusCode(400);
        // own weight 2: (2 × 1.0 + 0.4) / 3 = 0.8
        assertTrue(Math.abs(rollup(parent) - 0.8f) < 1e-6, "parent " + rollup(parent));
    }
}

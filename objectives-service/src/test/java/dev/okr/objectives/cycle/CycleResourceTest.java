package dev.okr.objectives.cycle;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.okr.contracts.Topics;
import dev.okr.objectives.ObjectivesInfra;
import dev.okr.testsupport.KafkaRecords;
import dev.okr.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(ObjectivesInfra.class)
class CycleResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private final String org = UUID.randomUUID().toString();

    private RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private Response create(String name, String start, String end) {
        return as(TestTokens.member(org)).body(Map.of("name", name, "startDate", start, "endDate", end))
                .post("/api/v1/cycles");
    }

    @Test
    void shouldCreateACycleAndReadItBack() {
        Response created = create("2026-Q4", "2026-10-01", "2026-12-31");
        created.then().statusCode(201)
                .header("Location", containsString("/api/v1/cycles/"))
                .header("ETag", equalTo("\"0\""))
                .body("name", equalTo("2026-Q4")).body("status", equalTo("OPEN"))
                .body("startDate", equalTo("2026-10-01")).body("endDate", equalTo("2026-12-31"))
                .body("version", equalTo(0)).body("phase", notNullValue());
        String id = created.path("id");

        as(TestTokens.viewer(org)).get("/api/v1/cycles/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"0\"")).body("id", equalTo(id));
    }

    @Test
    void shouldRefuseAnOrganisationHeaderThatDisagreesWithTheToken() {
        String id = create("header check", "2026-10-01", "2026-12-31").path("id");
        // the gateway passes the token's organisation on; the same one is fine
        as(TestTokens.viewer(org)).header("X-Okr-Organisation", org).get("/api/v1/cycles/" + id).then().statusCode(200);
        // another one is refused, and the organisation still comes from the token only
        as(TestTokens.viewer(org)).header("X-Okr-Organisation", UUID.randomUUID().toString()).get("/api/v1/cycles/" + id)
                .then().statusCode(403).contentType(PROBLEM).body("detail", containsString("X-Okr-Organisation"));
    }

    @Test
    void shouldRejectAnEndBeforeTheStartNamingTheField() {
        create("backwards", "2026-10-01", "2026-09-01").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("endDate"));
    }

    @Test
    void shouldReportEveryErrorAtOnce() {
        // a blank name and an end before the start: both in one answer, each naming its field
        as(TestTokens.member(org)).body(Map.of("name", " ", "startDate", "2026-10-01", "endDate", "2026-09-01"))
                .post("/api/v1/cycles").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", containsInAnyOrder("name", "endDate"))
                .body("errors.find { it.field == 'endDate' }.message", equalTo("must be after startDate (2026-10-01)"));
    }

    @Test
    void shouldRejectACycleOverAYear() {
        create("too long", "2026-01-01", "2027-01-05").then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("366"));
    }

    @Test
    void shouldRejectMissingFieldsAndBadDates() {
        as(TestTokens.member(org)).body(Map.of("name", " ")).post("/api/v1/cycles").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItems("name", "startDate", "endDate"));
        as(TestTokens.member(org)).body(Map.of("name", "x", "startDate", "2026-13-01", "endDate", "2026-12-31"))
                .post("/api/v1/cycles").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("startDate"));
    }

    @Test
    void shouldKeepNamesUniquePerOrganisationWhateverTheCase() {
        create("FY2026", "2026-01-01", "2026-12-31").then().statusCode(201);
        create("fy2026", "2026-01-01", "2026-12-31").then().statusCode(409).contentType(PROBLEM)
                .body("errors[0].field", equalTo("name"));
        // another organisation may use the same name
        as(TestTokens.member(UUID.randomUUID().toString()))
                .body(Map.of("name", "FY2026", "startDate", "2026-01-01", "endDate", "2026-12-31"))
                .post("/api/v1/cycles").then().statusCode(201);
    }

    @Test
    void shouldUpdateWithIfMatchAndRefuseAStaleVersion() {
        String id = create("2027-Q1", "2027-01-01", "2027-03-31").path("id");
        Map<String, String> change = Map.of("name", "2027-Q1 (extended)", "startDate", "2027-01-01", "endDate", "2027-04-15");

        as(TestTokens.member(org)).body(change).put("/api/v1/cycles/" + id).then().statusCode(428).contentType(PROBLEM);
        as(TestTokens.member(org)).header("If-Match", "\"0\"").body(change).put("/api/v1/cycles/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("name", equalTo("2027-Q1 (extended)")).body("endDate", equalTo("2027-04-15"));
        as(TestTokens.member(org)).header("If-Match", "\"0\"").body(change).put("/api/v1/cycles/" + id)
                .then().statusCode(412).contentType(PROBLEM);
    }

    @Test
    void shouldHideAnotherOrganisationsCycle() {
        String id = create("private", "2026-10-01", "2026-12-31").path("id");
        String stranger = UUID.randomUUID().toString();
        as(TestTokens.viewer(stranger)).get("/api/v1/cycles/" + id).then().statusCode(404).contentType(PROBLEM);
        as(TestTokens.member(stranger)).header("If-Match", "\"0\"")
                .body(Map.of("name", "mine now", "startDate", "2026-10-01", "endDate", "2026-12-31"))
                .put("/api/v1/cycles/" + id).then().statusCode(404);
        as(TestTokens.viewer(stranger)).get("/api/v1/cycles").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void shouldNotLetAViewerCreate() {
        as(TestTokens.viewer(org)).body(Map.of("name", "no", "startDate", "2026-10-01", "endDate", "2026-12-31"))
                .post("/api/v1/cycles").then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void shouldPageThroughCyclesInAStableOrder() {
        String pager = UUID.randomUUID().toString();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(as(TestTokens.member(pager)).body(Map.of("name", "c" + i, "startDate", "2026-10-01", "endDate", "2026-12-31"))
                    .post("/api/v1/cycles").then().statusCode(201).extract().path("id"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification req = as(TestTokens.viewer(pager)).queryParam("limit", 2);
            if (cursor != null) {
                req.queryParam("cursor", cursor);
            }
            Response page = req.get("/api/v1/cycles");
            page.then().statusCode(200);
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(made, seen);
        assertEquals(3, pages);
        as(TestTokens.viewer(pager)).queryParam("limit", 500).get("/api/v1/cycles").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        as(TestTokens.viewer(pager)).queryParam("limit", "ten").get("/api/v1/cycles").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("limit"));
        as(TestTokens.viewer(pager)).get("/api/v1/cycles/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
        as(TestTokens.viewer(pager)).queryParam("cursor", "garbage").get("/api/v1/cycles").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        as(TestTokens.viewer(pager)).queryParam("status", "CLOSED").get("/api/v1/cycles").then().statusCode(200)
                .body("items", hasSize(0)).body("nextCursor", nullValue());
    }

    @Test
    void shouldPublishEachChangeWithItsVersion() {
        String id = create("2028-Q1", "2028-01-01", "2028-03-31").path("id");
        as(TestTokens.member(org)).header("If-Match", "\"0\"")
                .body(Map.of("name", "2028-Q1", "startDate", "2028-01-02", "endDate", "2028-03-31"))
                .put("/api/v1/cycles/" + id).then().statusCode(200);

        String bootstrap = ConfigProvider.getConfig().getValue("okr.test.kafka.bootstrap", String.class);
        List<ConsumerRecord<String, String>> events = KafkaRecords.await(bootstrap, Topics.OBJECTIVES,
                r -> id.equals(r.key()), 2, Duration.ofSeconds(30));
        assertEquals(2, events.size());
        assertTrue(events.get(0).value().contains("\"type\":\"dev.okr.cycle.created\""));
        assertTrue(events.get(0).value().contains("\"version\":0"));
        assertTrue(events.get(1).value().contains("\"type\":\"dev.okr.cycle.updated\""));
        assertTrue(events.get(1).value().contains("\"version\":1"));
        assertTrue(events.get(1).value().contains("\"orgid\":\"" + org + "\""));
    }
}

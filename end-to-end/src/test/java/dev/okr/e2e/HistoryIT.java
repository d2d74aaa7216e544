package dev.okr.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.okr.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * A quarter pushed in after the fact, through the gateway: nine weeks ago a cycle began; today a CRM backfills eight
 * weeks of leads with their observation times, people check in what they forgot, each dated the day it was true, and a
 * unit's objective is aligned under the company's. Then the KPI's status history, the objectives and the dashboard as of
 * three past days, the alignment tree then and now, and the audit trail — each with the values they must have.
 * <p>
 * The cycle runs 91 days from S; the leads KPI's target is 91 over the same days, so the value expected at a moment is
 * the number of days elapsed (at-risk band 9.1). Week w's leads are observed at noon on day S + 7w.
 */
@ExtendWith(ContractCheck.AfterEachTest.class)
class HistoryIT {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final LocalDate START = TODAY.minusDays(63);
    private static final String ORG = UUID.randomUUID().toString();

    @BeforeAll
    static void startThePlatform() throws Exception {
        Platform platform = SharedPlatform.get();
        RestAssured.baseURI = platform.gateway();
        RestAssured.port = platform.port("gateway");
        ContractCheck.install(platform.gateway(), true);
    }

    private static RequestSpecification as(String token) {
        return RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private static String day(int days) {
        return START.plusDays(days).toString();
    }

    private static String at(int days, int hour) {
        return START.plusDays(days).atTime(hour, 0).toInstant(ZoneOffset.UTC).toString();
    }

    @Test
    void shouldTellWhatWasTrueOnEachDayOfABackfilledQuarter() {
        String admin = TestTokens.admin(ORG);
        String ella = TestTokens.token(ORG, "member", "ella");
        String company = as(admin).body(Map.of("name", "Acme", "type", "COMPANY")).post("/api/v1/org-units").then().statusCode(201)
                .extract().path("id");
        String cycle = as(ella).body(Map.of("name", "The quarter", "startDate", day(0), "endDate", day(90))).post("/api/v1/cycles")
                .then().statusCode(201).extract().path("id");
        String leads = as(admin).body(Map.of("key", "leads", "name", "Leads", "unit", "leads",
                "target", Map.of("operator", "AT_LEAST", "value", 91), "timeframe", Map.of("start", day(0), "end", day(90)),
                "dataSource", Map.of("type", "INTEGRATION", "system", "CRM"), "frequency", "WEEKLY", "aggregation", "SUM"))
                .post("/api/v1/kpis").then().statusCode(201).extract().path("id");
        String grow = as(ella).body(Map.of("cycleId", cycle, "title", "Grow the pipeline", "owner", Map.of("type", "COMPANY"),
                "keyResults", List.of(Map.of("title", "partners", "type", "NUMERIC", "start", 0, "target", 10))))
                .post("/api/v1/objectives").then().statusCode(201).extract().path("id");
        // the unit's, given by the admin once objectives-service has heard of the unit
        Map<String, Object> unitsObjective = Map.of("cycleId", cycle, "title", "Reach more people", "owner", Map.of("type", "UNIT",
                "id", company), "keyResults", List.of(Map.of("title", "webinars", "type", "NUMERIC", "start", 0, "target", 8)));
        String reach = await().atMost(Duration.ofSeconds(30)).until(() -> as(admin).body(unitsObjective).post("/api/v1/objectives"),
                r -> r.statusCode() == 201).path("id");
        String partners = as(ella).get("/api/v1/objectives/" + grow).path("keyResults[0].id");
        String webinars = as(ella).get("/api/v1/objectives/" + reach).path("keyResults[0].id");

        // ella's own objective follows the leads
        String funnel = await().atMost(Duration.ofSeconds(30)).until(() -> as(ella).body(Map.of("cycleId", cycle, "title", "Fill the funnel",
                "owner", Map.of("type", "PERSON", "id", "ella"), "keyResults", List.of(Map.of("title", "leads", "type", "KPI_LINKED",
                        "kpiId", leads)))).post("/api/v1/objectives"), r -> r.statusCode() == 201).path("id");

        // the CRM's backfill: eight weeks in one push, in no order (the fourth and fifth weeks were slow)
        String apiKey = as(admin).body(Map.of("name", "CRM")).post("/api/v1/integrations").then().statusCode(201).extract().path("apiKey");
        int[] weekly = {8, 8, 8, 4, 4, 12, 12, 12};
        List<Map<String, Object>> items = new ArrayList<>();
        for (int w = 8; w >= 1; w--) {
            items.add(Map.of("kpi", "leads", "value", weekly[w - 1], "observedAt", at(7 * w, 12), "externalId", "week-" + w));
        }
        RestAssured.given().header("X-Api-Key", apiKey).contentType(ContentType.JSON).body(Map.of("items", items))
                .post("/api/v1/measurements:batch").then().statusCode(200).body("accepted", equalTo(8));

        // what people forgot to check in, each dated the evening it was true
        for (Object[] c : new Object[][] {{partners, 2, 14}, {webinars, 2, 21}, {partners, 5, 35}, {webinars, 4, 42}, {partners, 7, 56}}) {
            as(ella).body(Map.of("value", c[1], "confidence", 7, "checkedInAt", at((int) c[2], 17)))
                    .post("/api/v1/key-results/" + c[0] + "/check-ins").then().statusCode(201);
        }
        // today the unit's objective is aligned under the company's, and the leads attached to the company's objective
        // (once alignment-service has applied every check-in: what it learns after the link is made counts from then)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            as(ella).get("/api/v1/alignment/objectives/" + reach + "/parents").then().statusCode(200).body("rollupProgress", equalTo(0.5f));
            as(ella).get("/api/v1/alignment/objectives/" + grow + "/parents").then().statusCode(200).body("rollupProgress", equalTo(0.7f));
        });
        as(ella).header("If-Match", "*").body(Map.of("parents", List.of(Map.of("parentId", grow, "weight", 1))))
                .put("/api/v1/alignment/objectives/" + reach + "/parents").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> as(admin).body(Map.of("kpiId", leads, "objectiveId", grow))
                .post("/api/v1/kpi-attachments").statusCode() == 201);
        // and a KPI measured from today on, which had no value then
        String signups = as(admin).body(Map.of("key", "signups", "name", "Sign-ups", "unit", "people",
                "target", Map.of("operator", "AT_LEAST", "value", 50), "timeframe", Map.of("start", TODAY.toString(), "end", day(90)),
                "dataSource", Map.of("type", "MANUAL"), "frequency", "WEEKLY", "aggregation", "SUM"))
                .post("/api/v1/kpis").then().statusCode(201).extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> as(admin).body(Map.of("kpiId", signups, "objectiveId", grow))
                .post("/api/v1/kpi-attachments").statusCode() == 201);

        // the leads' statuses where their values implied them: 8 against 7.5 expected, 28 against 28.5, 44 against 42.5
        as(ella).get("/api/v1/kpis/leads/status-history").then().statusCode(200)
                .body("items.status", contains("ON_TRACK", "AT_RISK", "ON_TRACK"))
                .body("items.changedAt", contains(at(42, 12), at(28, 12), at(7, 12)))
                .body("items.value", contains(44.0f, 28.0f, 8.0f))
                .body("items[1].reason", equalTo("28 leads so far, 28.5 leads expected by today: behind pace by 0.5 leads"));
        as(ella).get("/api/v1/kpis/leads?asOf=" + day(36)).then().statusCode(200)
                .body("currentValue", equalTo(32.0f)).body("status", equalTo("AT_RISK"));
        // the key result that follows the leads went the same way, week by week
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(ella).get("/api/v1/objectives/" + funnel).then()
                .body("keyResults[0].currentValue", equalTo(68.0f)));
        as(ella).get("/api/v1/objectives/" + funnel + "?asOf=" + day(22)).then().statusCode(200)
                .body("keyResults[0].currentValue", equalTo(24.0f));
        as(ella).get("/api/v1/objectives/" + funnel + "?asOf=" + day(36)).then().statusCode(200)
                .body("keyResults[0].currentValue", equalTo(32.0f));

        // the dashboard as of three days: each objective, the company's summary and the leads as they stood then
        String dashboard = "/api/v1/dashboard?cycleId=" + cycle + "&unitId=" + company + "&asOf=";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(ella).get(dashboard + day(22)).then().statusCode(200)
                .body("asOf", equalTo(day(22)))
                .body("objectives.id", contains(grow, reach))
                .body("objectives.progress", contains(0.2f, 0.25f))
                .body("objectives[0].kpis.find { it.key == 'leads' }.currentValue", equalTo(24.0f))
                .body("objectives[0].kpis.find { it.key == 'leads' }.status", equalTo("ON_TRACK"))
                .body("objectives[0].kpis.find { it.key == 'signups' }.currentValue", nullValue())
                .body("objectives[0].kpis.find { it.key == 'signups' }.status", equalTo("NO_DATA"))
                // not aligned yet: only the company's objective leads to itself
                .body("unit.objectives", equalTo(2)).body("unit.alignmentCoverage", equalTo(0.5f))
                .body("unit.rollupProgress", equalTo(0.225f)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(ella).get(dashboard + day(36)).then().statusCode(200)
                .body("objectives.progress", contains(0.5f, 0.25f))
                .body("objectives[0].keyResults[0].currentValue", equalTo(5.0f))
                .body("objectives[0].keyResults[0].lastCheckInAt", equalTo(at(35, 17)))
                .body("objectives[0].kpis.find { it.key == 'leads' }.currentValue", equalTo(32.0f))
                .body("objectives[0].kpis.find { it.key == 'leads' }.status", equalTo("AT_RISK"))
                .body("unit.rollupProgress", equalTo(0.375f)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(ella).get(dashboard + day(57)).then().statusCode(200)
                .body("objectives.progress", contains(0.7f, 0.5f))
                .body("objectives[0].kpis.find { it.key == 'leads' }.currentValue", equalTo(68.0f))
                .body("objectives[0].kpis.find { it.key == 'leads' }.status", equalTo("ON_TRACK"))
                .body("unit.alignmentCoverage", equalTo(0.5f)).body("unit.rollupProgress", equalTo(0.6f)));
        // today: aligned, the company's roll-up the mean of its own 0.7 and the unit's 0.5
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(ella).get("/api/v1/dashboard?cycleId=" + cycle + "&unitId=" + company)
                .then().statusCode(200).body("asOf", nullValue())
                .body("unit.alignmentCoverage", equalTo(1.0f)).body("unit.rollupProgress", equalTo(0.55f)));

        // the tree as of the eighth week had no link yet; today it has
        as(ella).get("/api/v1/alignment/objectives/" + grow + "/tree?asOf=" + day(57)).then().statusCode(200)
                .body("progress", equalTo(0.7f)).body("rollupProgress", equalTo(0.7f)).body("children", hasSize(0));
        as(ella).get("/api/v1/alignment/objectives/" + grow + "/tree").then().statusCode(200)
                .body("rollupProgress", equalTo(0.6f)).body("children[0].id", equalTo(reach));

        // who did what to the company's objective, newest first: the admin attached two KPIs, ella checked in three times
        as(admin).get("/api/v1/audit?resourceId=" + grow).then().statusCode(200)
                .body("items.action", contains("kpi-attachment.created", "kpi-attachment.created", "key-result.checked-in",
                        "key-result.checked-in", "key-result.checked-in", "objective.created"))
                .body("items.actor.role", contains("admin", "admin", "member", "member", "member", "member"))
                .body("items[2].actor.id", equalTo("ella"))
                .body("items[2].changes.find { it.field == 'current' }.before", equalTo(5.0f))
                .body("items[2].changes.find { it.field == 'current' }.after", equalTo(7.0f));
    }
}

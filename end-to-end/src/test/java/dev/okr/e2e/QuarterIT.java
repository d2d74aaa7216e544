package dev.okr.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.okr.testsupport.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * A manager's quarter, through the gateway on the packaged services: the people and units of Acme, a quarter that
 * has just ended with its cascade (company ← Sales ← Ella), what each of them owes, the unit's views, closing the
 * quarter and rolling it over into the next with the alignment among the copies re-created by alignment-service
 * from objectives-service's events, and a KPI target written as "reduce by 2 days".
 */
@ExtendWith(ContractCheck.AfterEachTest.class)
class QuarterIT {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final String ORG = UUID.randomUUID().toString();
    private static String gateway;

    @BeforeAll
    static void startThePlatform() throws Exception {
        Platform platform = SharedPlatform.get();
        gateway = platform.gateway();
        RestAssured.baseURI = platform.gateway();
        RestAssured.port = platform.port("gateway");
        ContractCheck.install(platform.gateway(), true);
    }

    private static RequestSpecification as(String token) {
        return RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** A live stream filtered by one unit, read line by line in the background. */
    private static List<String> follow(String unit) {
        List<String> lines = new CopyOnWriteArrayList<>();
        try {
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(gateway + "/api/v1/stream?unitId=" + unit))
                    .header("Authorization", "Bearer " + TestTokens.viewer(ORG)).build(), HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode());
            Thread reader = new Thread(() -> {
                try {
                    response.body().forEach(lines::add);
                } catch (RuntimeException closed) {
                    // the platform stopped
                }
            });
            reader.setDaemon(true);
            reader.start();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(": connected"));
        return lines;
    }

    private static String person(String subject) {
        return TestTokens.token(ORG, "member", subject);
    }

    private static Map<String, Object> numeric(String title, double start, double target) {
        return Map.of("title", title, "type", "NUMERIC", "start", start, "target", target);
    }

    @Test
    void shouldRunAQuarterAndCarryItIntoTheNext() {
        String admin = TestTokens.admin(ORG);
        String sara = person("sara");
        String ella = person("ella");

        // the organisation: Acme, its Sales department led by Sara, with Ella in it
        String acme = as(admin).body(Map.of("name", "Acme SaaS", "type", "COMPANY")).post("/api/v1/org-units").then().statusCode(201)
                .extract().path("id");
        String sales = as(admin).body(Map.of("name", "Sales", "type", "DEPARTMENT", "parentId", acme, "leadId", "sara"))
                .post("/api/v1/org-units").then().statusCode(201).extract().path("id");
        as(admin).header("If-Match", "*").body(Map.of("members", List.of("ella"))).put("/api/v1/org-units/" + sales + "/members")
                .then().statusCode(200);
        as(admin).get("/api/v1/people").then().statusCode(200).body("items.id", contains("ella", "sara"))
                .body("items[0].units[0].name", equalTo("Sales")).body("items[1].units[0].role", equalTo("LEAD"));

        // Q4 has just ended (yesterday); Q1 starts today
        String q4 = as(admin).body(Map.of("name", "Q4 " + ORG, "startDate", TODAY.minusDays(92).toString(),
                "endDate", TODAY.minusDays(1).toString())).post("/api/v1/cycles").then().statusCode(201).extract().path("id");
        String q1 = as(admin).body(Map.of("name", "Q1 " + ORG, "startDate", TODAY.toString(), "endDate", TODAY.plusDays(89).toString()))
                .post("/api/v1/cycles").then().statusCode(201).extract().path("id");

        // the cascade: the company's objective, Sales' under it, Ella's under Sales'
        JsonPath company = as(admin).body(Map.of("cycleId", q4, "title", "Become the market leader in SaaS", "owner", Map.of("type", "COMPANY"),
                "keyResults", List.of(numeric("customers", 0, 100), numeric("NPS", 20, 50), numeric("ARR", 1, 2))))
                .post("/api/v1/objectives").then().statusCode(201).body("warnings", hasSize(0)).extract().jsonPath();
        String salesObjective = await().atMost(Duration.ofSeconds(30)).until(() -> as(sara).body(Map.of("cycleId", q4,
                "title", "Win the domestic market", "owner", Map.of("type", "UNIT", "id", sales),
                "keyResults", List.of(numeric("deals", 0, 40)))).post("/api/v1/objectives"), r -> r.statusCode() == 201).path("id");
        JsonPath ellas = as(ella).body(Map.of("cycleId", q4, "title", "Close 10 deals", "owner", Map.of("type", "PERSON", "id", "ella"),
                "keyResults", List.of(numeric("deals closed", 0, 10)))).post("/api/v1/objectives").then().statusCode(201)
                .body("warnings.code", contains("FEW_KEY_RESULTS")).extract().jsonPath();
        String companyId = company.getString("id");
        String ellaId = ellas.getString("id");
        for (String id : List.of(companyId, salesObjective, ellaId)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> as(admin).get("/api/v1/alignment/objectives/" + id + "/parents").statusCode() == 200);
        }
        as(sara).header("If-Match", "*").body(Map.of("parents", List.of(Map.of("parentId", companyId, "weight", 1))))
                .put("/api/v1/alignment/objectives/" + salesObjective + "/parents").then().statusCode(200);
        as(ella).header("If-Match", "*").body(Map.of("parents", List.of(Map.of("parentId", salesObjective, "weight", 1))))
                .put("/api/v1/alignment/objectives/" + ellaId + "/parents").then().statusCode(200);

        // what each owes: Q4 ended yesterday, so its last check-in was due then
        as(ella).get("/api/v1/me/check-ins/due").then().statusCode(200).body("items.keyResultTitle", contains("deals closed"))
                .body("items[0].daysOverdue", equalTo(1)).body("items[0].dueOn", equalTo(TODAY.minusDays(1).toString()));
        as(admin).get("/api/v1/org-units/" + sales + "/check-ins/due").then().statusCode(200)
                .body("items.keyResultTitle", containsInAnyOrder("deals", "deals closed"));
        as(admin).get("/api/v1/org-units/" + acme + "/check-ins/due").then().statusCode(200)
                .body("items", hasSize(5));
        String ellasKr = ellas.getString("keyResults[0].id");
        as(ella).body(Map.of("value", 6, "confidence", 5)).post("/api/v1/key-results/" + ellasKr + "/check-ins").then().statusCode(201);
        as(ella).get("/api/v1/me/check-ins/due").then().statusCode(200).body("items", hasSize(0));
        String dealsKr = as(admin).get("/api/v1/objectives/" + salesObjective).path("keyResults[0].id");
        as(sara).body(Map.of("value", 40, "confidence", 9)).post("/api/v1/key-results/" + dealsKr + "/check-ins").then().statusCode(201);

        // the unit's views: Sales' dashboard lists its objective and Ella's, as its summary counts them
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(admin).queryParam("cycleId", q4).queryParam("unitId", sales)
                .get("/api/v1/dashboard").then().statusCode(200)
                .body("objectives.id", containsInAnyOrder(salesObjective, ellaId)).body("unit.objectives", equalTo(2)));
        as(admin).queryParam("cycleId", q4).get("/api/v1/people/ella").then().statusCode(200)
                .body("objectives.id", contains(ellaId)).body("units[0].unitId", equalTo(sales));

        // closing: Q4 is over, so no force is needed; Q1 is not, so it would be
        as(admin).header("If-Match", "\"0\"").post("/api/v1/cycles/" + q1 + "/close").then().statusCode(409);
        as(admin).header("If-Match", "\"0\"").post("/api/v1/cycles/" + q4 + "/close").then().statusCode(200);

        // the roll-over: Sales achieved its 40 deals; the company's and Ella's objectives go on into Q1
        JsonPath rolled = as(sara).body(Map.of("targetCycleId", q1)).post("/api/v1/cycles/" + q4 + "/roll-over").then().statusCode(200)
                .body("rolledOver", equalTo(2)).body("achieved", equalTo(1))
                .body("items.find { it.objectiveId == '" + salesObjective + "' }.outcome", equalTo("ACHIEVED"))
                .extract().jsonPath();
        String companyCopy = rolled.getString("items.find { it.objectiveId == '" + companyId + "' }.copyId");
        String ellaCopy = rolled.getString("items.find { it.objectiveId == '" + ellaId + "' }.copyId");
        as(admin).get("/api/v1/objectives/" + ellaCopy).then().statusCode(200).body("cycleId", equalTo(q1))
                .body("rolledOverFrom", equalTo(ellaId)).body("keyResults[0].start", equalTo(6.0f))
                .body("keyResults[0].target", equalTo(10.0f)).body("keyResults[0].cadence", equalTo("WEEKLY"))
                .body("keyResults[0].nextCheckInDue", equalTo(TODAY.plusDays(7).toString()));
        as(admin).get("/api/v1/objectives/" + ellaId).then().body("rolledOverTo", equalTo(ellaCopy)).body("status", equalTo("CLOSED"));
        as(sara).body(Map.of("targetCycleId", q1)).post("/api/v1/cycles/" + q4 + "/roll-over").then().statusCode(200)
                .body("rolledOver", equalTo(0)).body("alreadyRolledOver", equalTo(2));

        // alignment-service aligned the copies as their originals were: Ella's copy stays under Sales' objective, which
        // was achieved and not carried; the company's copy stands alone at the top of Q1
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(admin).get("/api/v1/alignment/objectives/" + ellaCopy + "/parents")
                .then().statusCode(200).body("parents.parentId", contains(salesObjective)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(admin).get("/api/v1/alignment/objectives/" + companyCopy + "/parents")
                .then().statusCode(200).body("parents", hasSize(0)));
        as(ella).queryParam("withinDays", 7).get("/api/v1/me/check-ins/due").then().statusCode(200)
                .body("items.objectiveId", contains(ellaCopy)).body("items[0].daysOverdue", equalTo(-7));
        as(admin).queryParam("cycleId", q1).queryParam("unitId", acme).get("/api/v1/dashboard").then().statusCode(200)
                .body("objectives.id", containsInAnyOrder(companyCopy, ellaCopy));

        // "reduce the sales cycle by 2 days", from 5, watched by Sales
        String cycleKey = "sales-cycle-" + ORG.substring(0, 8);
        String cycleKpi = as(admin).body(Map.of("key", cycleKey, "name", "Sales cycle", "unit", "duration",
                "target", Map.of("operator", "AT_MOST", "baseline", 5, "change", -2),
                "timeframe", Map.of("start", TODAY.toString(), "end", TODAY.plusDays(89).toString()),
                "dataSource", Map.of("type", "MANUAL"), "frequency", "WEEKLY", "aggregation", "AVG"))
                .post("/api/v1/kpis").then().statusCode(201)
                .body("target.value", equalTo(3.0f)).body("target.change", equalTo(-2.0f)).body("warnings", hasSize(0))
                .extract().path("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> as(admin).body(Map.of("kpiId", cycleKpi, "unitId", sales))
                .post("/api/v1/kpi-attachments").statusCode() == 201);

        // a stream filtered by Sales follows the KPI attached to it; one filtered by another unit does not
        List<String> salesStream = follow(sales);
        List<String> acmeStream = follow(acme);
        as(sara).body(Map.of("value", 4.5)).post("/api/v1/kpis/" + cycleKey + "/measurements").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> salesStream.stream().anyMatch(line -> line.startsWith("data:")
                && line.contains("dev.okr.kpi-attachment.changed") && line.contains("\"currentValue\":4.5") && line.contains(sales)));
        assertTrue(salesStream.contains("event: kpi-attachment"));
        assertTrue(acmeStream.stream().noneMatch(line -> line.contains("dev.okr.kpi-attachment.changed")), "Acme's stream: " + acmeStream);

        // another organisation sees none of it
        String stranger = TestTokens.admin(UUID.randomUUID().toString());
        as(stranger).get("/api/v1/people").then().statusCode(200).body("items", hasSize(0));
        as(stranger).get("/api/v1/org-units/" + sales + "/check-ins/due").then().statusCode(404);
        as(stranger).body(Map.of("targetCycleId", q1)).post("/api/v1/cycles/" + q4 + "/roll-over").then().statusCode(404);
        as(stranger).queryParam("limit", 200).get("/api/v1/objectives").then().body("items.id", not(hasItem(ellaCopy)));
    }

    @Test
    void shouldFollowARecurringKpiIntoTheNextCycleUnderTheSameKey() {
        String org = UUID.randomUUID().toString();
        String admin = TestTokens.admin(org);
        // monthly cycles, as the KPI's periods: last month (ended) and this one
        LocalDate thisMonth = TODAY.withDayOfMonth(1);
        String last = as(admin).body(Map.of("name", "last month", "startDate", thisMonth.minusMonths(1).toString(),
                "endDate", thisMonth.minusDays(1).toString())).post("/api/v1/cycles").then().statusCode(201).extract().path("id");
        String current = as(admin).body(Map.of("name", "this month", "startDate", thisMonth.toString(),
                "endDate", thisMonth.plusMonths(1).minusDays(1).toString())).post("/api/v1/cycles").then().statusCode(201).extract().path("id");
        // a KPI that goes on month after month, fed by a CRM through one integration key
        String key = "customers-" + org.substring(0, 8);
        String kpi = as(admin).body(Map.of("key", key, "name", "New customers", "unit", "customers",
                "target", Map.of("operator", "AT_LEAST", "value", 10), "period", Map.of("every", "MONTH", "anchor", thisMonth.toString()),
                "dataSource", Map.of("type", "INTEGRATION", "system", "HubSpot"), "frequency", "WEEKLY", "aggregation", "SUM"))
                .post("/api/v1/kpis").then().statusCode(201)
                .body("period.every", equalTo("MONTH")).body("timeframe.start", equalTo(thisMonth.toString())).extract().path("id");
        String apiKey = as(admin).body(Map.of("name", "HubSpot")).post("/api/v1/integrations").then().statusCode(201).extract().path("apiKey");
        // a key result of last month's objective follows it
        String grow = await().atMost(Duration.ofSeconds(30)).until(() -> as(admin).body(Map.of("cycleId", last, "title", "Grow",
                "owner", Map.of("type", "COMPANY"), "keyResults", List.of(Map.of("title", "10 new customers", "type", "KPI_LINKED",
                        "kpiId", kpi)))).post("/api/v1/objectives"), r -> r.statusCode() == 201).path("id");
        as(admin).get("/api/v1/objectives/" + grow).then().body("keyResults[0].start", equalTo(0.0f))
                .body("keyResults[0].target", equalTo(10.0f));

        // last month closes; its objective goes on into this month, following the KPI's period of this month
        as(admin).header("If-Match", "\"0\"").post("/api/v1/cycles/" + last + "/close").then().statusCode(200);
        String copy = as(admin).body(Map.of("targetCycleId", current)).post("/api/v1/cycles/" + last + "/roll-over").then()
                .statusCode(200).body("rolledOver", equalTo(1)).extract().path("items[0].copyId");
        as(admin).get("/api/v1/objectives/" + copy).then().body("keyResults[0].kpiId", equalTo(kpi))
                .body("keyResults[0].start", equalTo(0.0f)).body("keyResults[0].target", equalTo(10.0f));

        // the CRM pushes as it always did, with the same key: this month's key result moves, last month's keeps its own
        RestAssured.given().header("X-Api-Key", apiKey).contentType(ContentType.JSON)
                .body(Map.of("items", List.of(Map.of("kpi", key, "value", 4, "externalId", "deal-1"))))
                .post("/api/v1/measurements:batch").then().statusCode(200).body("accepted", equalTo(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(admin).get("/api/v1/objectives/" + copy).then()
                .body("keyResults[0].currentValue", equalTo(4.0f)).body("keyResults[0].progress", equalTo(0.4f)));
        as(admin).get("/api/v1/objectives/" + grow).then().body("keyResults[0].currentValue", equalTo(0.0f))
                .body("status", equalTo("CLOSED"));
        as(admin).get("/api/v1/kpis/" + key + "/periods").then().statusCode(200).body("", hasSize(1))
                .body("[0].current", equalTo(true)).body("[0].value", equalTo(4.0f));

        // a KPI that went quiet caps the key result that follows it, however well it looks: "99.9 % uptime", measured
        // daily, last heard of three days ago
        String uptime = as(admin).body(Map.of("key", "uptime-" + org.substring(0, 8), "name", "Site uptime", "unit", "percent",
                "target", Map.of("operator", "AT_LEAST", "value", 99.9),
                "timeframe", Map.of("start", thisMonth.minusMonths(1).toString(), "end", thisMonth.plusMonths(1).toString()),
                "dataSource", Map.of("type", "MANUAL"), "frequency", "DAILY", "aggregation", "LAST"))
                .post("/api/v1/kpis").then().statusCode(201).extract().path("id");
        as(admin).body(Map.of("value", 99.95, "observedAt", TODAY.minusDays(3).atTime(9, 0).toInstant(ZoneOffset.UTC).toString()))
                .post("/api/v1/kpis/" + uptime + "/measurements").then().statusCode(201);
        as(admin).get("/api/v1/kpis/" + uptime).then().body("status", equalTo("NO_DATA"));
        String reliable = await().atMost(Duration.ofSeconds(30)).until(() -> as(admin).body(Map.of("cycleId", current,
                "title", "Be reliable", "owner", Map.of("type", "COMPANY"), "keyResults", List.of(Map.of("title", "99.9 % uptime",
                        "type", "KPI_LINKED", "kpiId", uptime, "start", 99, "target", 99.9)))).post("/api/v1/objectives"),
                r -> r.statusCode() == 201 && Float.valueOf(99.95f).equals(r.path("keyResults[0].currentValue"))).path("id");
        as(admin).get("/api/v1/objectives/" + reliable).then().body("keyResults[0].progress", equalTo(1.0f))
                .body("keyResults[0].health", equalTo("AT_RISK"))
                .body("keyResults[0].healthReason", containsString("its KPI 'Site uptime' has had no data since "
                        + TODAY.minusDays(3)));
    }
}

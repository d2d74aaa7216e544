package dev.okr.objectives.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.okr.objectives.Api;
import dev.okr.objectives.ObjectivesInfra;
import dev.okr.platform.audit.AuditRetention;
import dev.okr.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * "A key result went from 5 to 17 with no trace of how": every change a person makes is in the audit trail, with who,
 * when, what, and each field before and after; an admin reads everyone's, a member their own.
 */
@QuarkusTest
@WithTestResource(ObjectivesInfra.class)
class AuditTrailApiTest {

    private static final String PROBLEM = "application/problem+json";
    private final Api api = new Api();

    @Inject
    Pool pool;

    @Inject
    AuditRetention retention;

    @Test
    void shouldRecordWhoChangedWhatFromWhatToWhat() {
        String admin = "admin@" + api.org;
        String cycle = api.currentCycle();
        Response created = api.createObjective(cycle, "Grow", List.of(Api.numeric("customers", 5, 100)));
        String id = created.path("id");
        String kr = created.path("keyResults[0].id");
        api.member().header("If-Match", "\"0\"").body(Map.of("title", "customers", "type", "NUMERIC", "start", 5, "target", 120))
                .put("/api/v1/key-results/" + kr).then().statusCode(200);
        api.member().body(Map.of("value", 17, "confidence", 7, "note", "two deals")).post("/api/v1/key-results/" + kr + "/check-ins")
                .then().statusCode(201);
        String friday = LocalDate.now(ZoneOffset.UTC).minusDays(3).atTime(17, 0).toInstant(ZoneOffset.UTC).toString();
        api.member().body(Map.of("value", 12, "confidence", 6, "checkedInAt", friday)).post("/api/v1/key-results/" + kr + "/check-ins")
                .then().statusCode(201);
        // refused: nothing recorded
        api.member().body(Map.of("value", "NaN", "confidence", 7)).post("/api/v1/key-results/" + kr + "/check-ins").then().statusCode(400);
        String etag = api.viewer().get("/api/v1/objectives/" + id).header("ETag");
        api.member().header("If-Match", etag).body(Map.of("title", "Grow faster")).contentType("application/merge-patch+json")
                .patch("/api/v1/objectives/" + id).then().statusCode(200);

        Response trail = api.admin().get("/api/v1/audit?resourceId=" + id);
        trail.then().statusCode(200).body("nextCursor", nullValue())
                .body("items.action", contains("objective.updated", "key-result.checked-in", "key-result.checked-in", "key-result.updated",
                        "objective.created"))
                .body("items.actor.id", everyItem(equalTo("maria"))).body("items.actor.type", everyItem(equalTo("PERSON")))
                .body("items.actor.role", everyItem(equalTo("member"))).body("items.service", everyItem(equalTo("objectives-service")))
                // the title, before and after
                .body("items[0].resourceType", equalTo("objective")).body("items[0].resourceId", equalTo(id))
                .body("items[0].changes", hasSize(1)).body("items[0].changes[0].field", equalTo("title"))
                .body("items[0].changes[0].before", equalTo("Grow")).body("items[0].changes[0].after", equalTo("Grow faster"))
                // the check-in dated Friday, recorded after the one of today: the check-in only, the key result unchanged
                .body("items[1].resourceType", equalTo("key-result")).body("items[1].resourceId", equalTo(kr))
                .body("items[1].parentId", equalTo(id)).body("items[1].changes.field", contains("checkIn"))
                .body("items[1].changes[0].after.value", equalTo(12.0f)).body("items[1].changes[0].after.checkedInAt", equalTo(friday))
                // 5 → 17, with the check-in that did it
                .body("items[2].changes.field", hasItem("current")).body("items[2].changes.field", hasItem("confidence"))
                .body("items[2].changes.field", hasItem("checkIn"))
                .body("items[2].changes.find { it.field == 'current' }.before", equalTo(5.0f))
                .body("items[2].changes.find { it.field == 'current' }.after", equalTo(17.0f))
                .body("items[2].changes.find { it.field == 'checkIn' }.after.note", equalTo("two deals"))
                // the target, 100 → 120
                .body("items[3].changes", hasSize(1)).body("items[3].changes[0].field", equalTo("target"))
                .body("items[3].changes[0].before", equalTo(100.0f)).body("items[3].changes[0].after", equalTo(120.0f))
                // created: everything from nothing
                .body("items[4].changes.field", hasItem("title")).body("items[4].changes.field", hasItem("keyResults." + kr + ".target"))
                .body("items[4].changes.find { it.field == 'title' }.before", nullValue());

        // the key result's own trail: its three entries
        api.admin().get("/api/v1/audit?resourceId=" + kr).then().statusCode(200).body("items", hasSize(3));

        // settings and cycles, by an admin
        api.admin().body(Map.of("name", "Admin's " + id, "startDate", "2027-01-01", "endDate", "2027-03-31")).post("/api/v1/cycles")
                .then().statusCode(201);
        api.admin().header("If-Match", "\"0\"").body(Map.of("onTrackMargin", 0.1, "atRiskMargin", 0.3, "lowConfidence", 3,
                "aspirationalAchieved", 0.7)).put("/api/v1/settings/okr").then().statusCode(200);
        api.admin().get("/api/v1/audit?actor=" + admin).then().statusCode(200)
                .body("items.action", contains("settings.updated", "cycle.created"))
                .body("items[0].changes", hasSize(1)).body("items[0].changes[0].field", equalTo("thresholds.atRiskMargin"))
                .body("items[0].changes[0].before", equalTo(0.25f)).body("items[0].changes[0].after", equalTo(0.3f))
                .body("items[1].actor.role", equalTo("admin")).body("items[1].changes.field", hasItem("startDate"));
    }

    @Test
    void shouldShowAMemberTheirOwnOnlyAndPageThroughEverything() {
        String cycle = api.currentCycle();
        for (int i = 0; i < 3; i++) {
            api.createObjective(cycle, "Maria's " + i, List.of()).then().statusCode(201);
        }
        var tom = given().auth().oauth2(TestTokens.token(api.org, "member", "tom")).contentType(ContentType.JSON);
        tom.body(Map.of("cycleId", cycle, "title", "Tom's", "owner", Map.of("type", "PERSON", "id", "tom"), "keyResults", List.of()))
                .post("/api/v1/objectives").then().statusCode(201);

        // maria's: the cycle and her three objectives
        api.member().get("/api/v1/audit").then().statusCode(200).body("items", hasSize(4)).body("items.actor.id", everyItem(equalTo("maria")));
        api.member().get("/api/v1/audit?actor=tom").then().statusCode(403).contentType(PROBLEM);
        api.viewer().get("/api/v1/audit").then().statusCode(200).body("items", hasSize(0));
        api.admin().get("/api/v1/audit?actor=tom").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].changes.find { it.field == 'title' }.after", equalTo("Tom's"));

        // five entries (the cycle and four objectives), two at a time, nothing twice
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = api.admin().queryParam("limit", 2).queryParam("cursor", cursor == null ? "" : cursor).get("/api/v1/audit");
            page.then().statusCode(200);
            seen.addAll(page.path("items.id"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(5, seen.size(), seen.toString());
        assertEquals(5, seen.stream().distinct().count());
        assertEquals(3, pages);

        // another organisation sees none of it
        new Api().admin().get("/api/v1/audit").then().statusCode(200).body("items", hasSize(0));
        // a range in the future: nothing
        api.admin().get("/api/v1/audit?from=2999-01-01").then().statusCode(200).body("items", hasSize(0));
        api.admin().get("/api/v1/audit?from=2026-12-02&to=2026-12-01").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("to"));
        api.admin().get("/api/v1/audit?from=yesterday").then().statusCode(400).body("errors[0].field", equalTo("from"));
        api.admin().get("/api/v1/audit?from=0000-01-01").then().statusCode(400).body("errors[0].field", equalTo("from"));
        api.admin().urlEncodingEnabled(false).get("/api/v1/audit?to=%2B10000-01-01T00:00:00Z").then().statusCode(400).body("errors[0].field", equalTo("to"));
        api.admin().get("/api/v1/audit?cursor=MjUzNDAyMzAwODAwMDAwMDAwfDAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA").then()
                .statusCode(400).body("errors[0].field", equalTo("cursor"));
        api.admin().get("/api/v1/audit?limit=0").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        api.admin().get("/api/v1/audit?cursor=nonsense").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        api.admin().urlEncodingEnabled(false).get("/api/v1/audit?resourceId=a%00b").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("resourceId"));
        api.admin().get("/api/v1/audit?resourceId=" + "x".repeat(201)).then().statusCode(400).body("errors[0].field", equalTo("resourceId"));
        given().get("/api/v1/audit").then().statusCode(401);
    }

    @Test
    void shouldKeepTheTrailAsLongAsTheOrganisationSays() {
        Api other = new Api();
        api.admin().get("/api/v1/audit/retention").then().statusCode(200).body("days", equalTo(400)).body("isDefault", equalTo(true));
        api.member().get("/api/v1/audit/retention").then().statusCode(403);
        api.member().body(Map.of("days", 30)).put("/api/v1/audit/retention").then().statusCode(403);
        for (Object days : new Object[] {0, 3651, -5, "thirty", 1e12}) {
            api.admin().body(Map.of("days", days)).put("/api/v1/audit/retention").then().statusCode(400).contentType(PROBLEM);
        }
        api.admin().body("{}").put("/api/v1/audit/retention").then().statusCode(400).contentType(PROBLEM);
        api.admin().body("{\"days\": 30, \"days\": 40}").put("/api/v1/audit/retention").then().statusCode(400).contentType(PROBLEM);
        api.admin().body(Map.of("days", 30)).put("/api/v1/audit/retention").then().statusCode(200)
                .body("days", equalTo(30)).body("isDefault", equalTo(false));
        api.admin().body(Map.of("days", 30)).put("/api/v1/audit/retention").then().statusCode(200);
        other.admin().get("/api/v1/audit/retention").then().body("days", equalTo(400));
        // the change is in the trail, once: setting the same again changes nothing
        api.admin().get("/api/v1/audit?resourceId=" + api.org).then().statusCode(200)
                .body("items.action", contains("audit-retention.updated"))
                .body("items[0].changes[0].field", equalTo("days")).body("items[0].changes[0].before", nullValue())
                .body("items[0].changes[0].after", equalTo(30));

        // entries 40 days old: this organisation keeps 30 days, the other the default 400
        Instant now = Instant.now();
        for (String org : List.of(api.org, other.org)) {
            for (int age : new int[] {40, 29}) {
                pool.preparedQuery("insert into audit_entry (id, organisation_id, at, actor_type, actor_id, actor_name, actor_role, action, "
                        + "resource_type, resource_id, changes) values ($1, $2, $3, 'PERSON', 'old', 'old', 'member', 'objective.updated', "
                        + "'objective', $4, '[]'::jsonb)").execute(Tuple.of(UUID.randomUUID(), UUID.fromString(org),
                                now.minus(Duration.ofDays(age)).atOffset(ZoneOffset.UTC), "aged-" + age))
                        .await().indefinitely();
            }
        }
        // and more than a batch of them: 6,000 entries of 31 to 90 days old
        pool.preparedQuery("insert into audit_entry (id, organisation_id, at, actor_type, actor_id, actor_name, actor_role, action, "
                + "resource_type, resource_id, changes) select gen_random_uuid(), $1, $2::timestamptz - make_interval(days => 31 + n % 60), "
                + "'PERSON', 'bulk', 'bulk', 'member', 'objective.updated', 'objective', 'bulk-' || n, '[]'::jsonb "
                + "from generate_series(1, 6000) as n").execute(Tuple.of(UUID.fromString(api.org), now.atOffset(ZoneOffset.UTC)))
                .await().indefinitely();
        long deleted = retention.purge(now).await().indefinitely();
        assertTrue(deleted >= 6001, "deleted " + deleted);
        api.admin().get("/api/v1/audit?actor=old").then().body("items.resourceId", contains("aged-29"));
        api.admin().get("/api/v1/audit?actor=bulk").then().body("items", hasSize(0));
        other.admin().get("/api/v1/audit?actor=old").then().body("items.resourceId", contains("aged-29", "aged-40"));
        assertEquals(0L, retention.purge(now).await().indefinitely(), "nothing more to delete");
    }

    @Test
    void shouldRecordEachOfConcurrentRetentionChangesAgainstTheOneBefore() throws Exception {
        Api racing = new Api();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Integer>> sent = new ArrayList<>();
        for (int days = 100; days < 108; days++) {
            int d = days;
            sent.add(threads.submit(() -> racing.admin().body(Map.of("days", d)).put("/api/v1/audit/retention").statusCode()));
        }
        for (Future<Integer> status : sent) {
            assertEquals(200, status.get());
        }
        threads.shutdown();
        Response trail = racing.admin().get("/api/v1/audit?resourceId=" + racing.org);
        List<Object> befores = trail.path("items.collect { it.changes[0].before }");
        List<Object> afters = trail.path("items.collect { it.changes[0].after }");
        assertEquals(8, afters.size(), trail.asString());
        // newest first: each change replaced the one recorded before it, the first replaced none
        for (int i = 0; i < 7; i++) {
            assertEquals(afters.get(i + 1), befores.get(i), trail.asString());
        }
        assertEquals(null, befores.get(7));
        racing.admin().get("/api/v1/audit/retention").then().body("days", equalTo(afters.get(0)));
    }

    @Test
    void shouldStayOutOfTheServicesDocument() {
        String document = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertTrue(!document.contains("/api/v1/audit"), "the gateway documents the merged trail");
    }
}

package dev.okr.alignment.link;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The alignment as it stood at a moment: a company objective and a team's, created ten days ago, aligned today, the
 * team's progress checked in with a date before objectives-service's event was sent, then once more with a date before
 * that. (The moments are a few milliseconds apart: a short pause separates each from the next.) The tree and the company's summary as of each moment between show what was true then.
 */
@QuarkusTest
@WithTestResource(AlignmentInfra.class)
class AlignmentHistoryTest {

    @Inject
    Pool pool;

    private final String org = UUID.randomUUID().toString();
    private final String cycle = UUID.randomUUID().toString();

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("okr.test.kafka.bootstrap", String.class);
    }

    private RequestSpecification member() {
        return given().auth().oauth2(TestTokens.member(org)).contentType(ContentType.JSON);
    }

    /** objectives-service's event: recorded at {@code time}, true since {@code effectiveAt} (null: not said). */
    private void objective(String id, String title, String ownerType, String ownerId, Double progress, long version, Instant time,
            Instant effectiveAt) {
        String keyResults = progress == null ? "[]" : "[{\"id\":\"" + UUID.randomUUID() + "\"}]";
        KafkaRecords.send(bootstrap(), Topics.OBJECTIVES, id, """
                {"specversion":"1.0","id":"%s","type":"dev.okr.objective.updated","source":"/objectives-service","subject":"%s",
                 "time":"%s","orgid":"%s","data":{"id":"%s","cycleId":"%s","title":"%s","owner":{"type":"%s","id":"%s"},
                 "status":"ACTIVE","progress":%s,"ownProgress":%s,"health":"ON_TRACK","keyResults":%s,"version":%d,"effectiveAt":%s}}"""
                .formatted(UUID.randomUUID(), id, time, org, id, cycle, title, ownerType, ownerId, progress == null ? 0 : progress,
                        progress, keyResults, version, effectiveAt == null ? "null" : "\"" + effectiveAt + "\""));
    }

    private RequestSpecification asOf(Instant at) {
        return member().queryParam("asOf", at.toString());
    }

    private static Instant pause() throws InterruptedException {
        Thread.sleep(30);
        Instant now = Instant.now();
        Thread.sleep(30);
        return now;
    }

    @Test
    void shouldAnswerTheTreeAndTheSummaryAsTheyStoodThen() throws InterruptedException {
        String unit = given().auth().oauth2(TestTokens.admin(org)).contentType(ContentType.JSON)
                .body(Map.of("name", "Acme", "type", "COMPANY")).post("/api/v1/org-units").then().statusCode(201).extract().path("id");
        String company = UUID.randomUUID().toString();
        String team = UUID.randomUUID().toString();
        Instant created = Instant.now().minus(Duration.ofDays(10));
        objective(company, "Become the market leader", "COMPANY", "acme", null, 0, created, null);
        objective(team, "Launch the campaign", "UNIT", unit, 0.2, 0, created, null);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                member().get("/api/v1/alignment/objectives/" + team + "/parents").statusCode() == 200
                        && member().get("/api/v1/alignment/objectives/" + company + "/parents").statusCode() == 200);

        Instant apart = pause();
        member().body(Map.of("parents", List.of(Map.of("parentId", company, "weight", 1))))
                .header("If-Match", "*").put("/api/v1/alignment/objectives/" + team + "/parents").then().statusCode(200);
        Instant aligned = pause();
        // the same parents again: the link goes on from when it was made, one span
        member().body(Map.of("parents", List.of(Map.of("parentId", company, "weight", 1))))
                .header("If-Match", "*").put("/api/v1/alignment/objectives/" + team + "/parents").then().statusCode(200);
        assertEquals(1L, pool.preparedQuery("select count(*) as n from alignment_link_span where child_id = $1")
                .execute(Tuple.of(UUID.fromString(team))).await().indefinitely().iterator().next().getLong("n"));
        // the team checked in at this moment; objectives-service's event is sent (and applied) after the next
        Instant checkedIn = pause();
        Instant sent = pause();
        Instant between = checkedIn.plus(Duration.between(checkedIn, sent).dividedBy(2));
        objective(team, "Launch the campaign", "UNIT", unit, 0.6, 1, Instant.now(), checkedIn);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                member().get("/api/v1/alignment/objectives/" + company + "/parents").<Float>path("rollupProgress") == 0.6f);

        String tree = "/api/v1/alignment/objectives/" + company + "/tree";
        asOf(created.minus(Duration.ofHours(1))).get(tree).then().statusCode(404).contentType("application/problem+json");
        asOf(apart).get(tree).then().statusCode(200)
                .body("rollupProgress", equalTo(0.0f)).body("progress", nullValue()).body("children", hasSize(0));
        asOf(aligned).get(tree).then().statusCode(200)
                .body("rollupProgress", equalTo(0.2f)).body("children", hasSize(1))
                .body("children[0].progress", equalTo(0.2f)).body("children[0].weight", equalTo(1.0f));
        // dated by the check-in, not by when its event arrived
        asOf(between).get(tree).then().statusCode(200)
                .body("rollupProgress", equalTo(0.6f)).body("children[0].progress", equalTo(0.6f));
        asOf(checkedIn.minusMillis(1)).get(tree).then().body("children[0].rollupProgress", equalTo(0.2f));
        member().get(tree).then().body("rollupProgress", equalTo(0.6f));

        String summary = "/api/v1/org-units/" + unit + "/summary";
        asOf(apart).get(summary).then().statusCode(200).body("objectives", equalTo(2))
                .body("alignmentCoverage", equalTo(0.5f)).body("rollupProgress", equalTo(0.1f)).body("asOf", equalTo(apart.toString()));
        asOf(aligned).get(summary).then().body("alignmentCoverage", equalTo(1.0f)).body("rollupProgress", equalTo(0.2f))
                .body("healthMix.ON_TRACK", equalTo(2));
        member().get(summary).then().body("rollupProgress", equalTo(0.6f)).body("asOf", nullValue());

        // a check-in dated before the latest holds from its date until the next change, and is the current state from now
        objective(team, "Launch the campaign", "UNIT", unit, 0.8, 2, Instant.now(), aligned);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                member().get("/api/v1/alignment/objectives/" + company + "/parents").<Float>path("rollupProgress") == 0.8f);
        asOf(checkedIn.minusMillis(1)).get(tree).then().body("rollupProgress", equalTo(0.8f)).body("children[0].progress", equalTo(0.8f));
        asOf(between).get(tree).then().body("rollupProgress", equalTo(0.6f)).body("children[0].progress", equalTo(0.6f));
        member().get(tree).then().body("rollupProgress", equalTo(0.8f));
        asOf(Instant.now().minusMillis(1)).get(tree).then().body("rollupProgress", equalTo(0.8f));

        // the past only; another organisation sees none of it
        for (String bad : List.of("2999-01-01", "yesterday", "2026-13-01", "1-01-01T00:00:00Z\u0000")) {
            member().queryParam("asOf", bad).get(tree).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("asOf"));
        }
        given().auth().oauth2(TestTokens.member(UUID.randomUUID().toString())).queryParam("asOf", aligned.toString()).get(tree)
                .then().statusCode(404);
    }
}

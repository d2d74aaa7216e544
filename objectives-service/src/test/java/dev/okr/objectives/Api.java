package dev.okr.objectives;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.okr.contracts.Topics;
import dev.okr.testsupport.KafkaRecords;
import dev.okr.testsupport.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Test helpers that speak to objectives-service's API as one organisation. */
public final class Api {

    public final String org;

    public Api() {
        this(UUID.randomUUID().toString());
    }

    public Api(String org) {
        this.org = org;
    }

    /** A member of the organisation: maria, who owns the objectives {@link #createObjective} makes. */
    public RequestSpecification member() {
        return given().auth().oauth2(TestTokens.token(org, "member", "maria")).contentType(ContentType.JSON);
    }

    public RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin(org)).contentType(ContentType.JSON);
    }

    public RequestSpecification viewer() {
        return given().auth().oauth2(TestTokens.viewer(org)).contentType(ContentType.JSON);
    }

    public String cycle(String name, String start, String end) {
        return member().body(Map.of("name", name, "startDate", start, "endDate", end)).post("/api/v1/cycles")
                .then().statusCode(201).extract().path("id");
    }

    /** A cycle around today: 30 days ago to 60 days from now. */
    public String currentCycle() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        return cycle("current " + UUID.randomUUID(), today.minusDays(30).toString(), today.plusDays(60).toString());
    }

    public Response createObjective(String cycleId, String title, List<Map<String, Object>> keyResults) {
        return member().body(Map.of("cycleId", cycleId, "title", title,
                "owner", Map.of("type", "PERSON", "id", "maria"), "keyResults", keyResults)).post("/api/v1/objectives");
    }

    public static Map<String, Object> numeric(String title, double start, double target) {
        return Map.of("title", title, "type", "NUMERIC", "start", start, "target", target);
    }

    /** What alignment-service publishes when a unit is created or changed (its members, its parent, archived). */
    public static void unitEvent(String org, String unit, String parent, String type, String name, String lead, List<String> members,
            boolean archived, long version) {
        String quoted = String.join(",", members.stream().map(m -> "\"" + m + "\"").toList());
        KafkaRecords.send(bootstrap(), Topics.ALIGNMENT, unit, """
                {"specversion":"1.0","id":"%s","type":"dev.okr.orgunit.updated","source":"/alignment-service",
                 "subject":"%s","time":"2026-12-01T09:00:00Z","orgid":"%s",
                 "data":{"id":"%s","organisationId":"%s","parentId":%s,"type":"%s","name":"%s","leadId":%s,
                         "members":[%s],"archived":%s,"version":%d}}"""
                .formatted(UUID.randomUUID(), unit, org, unit, org, parent == null ? "null" : "\"" + parent + "\"", type, name,
                        lead == null ? "null" : "\"" + lead + "\"", quoted, archived, version));
    }

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("okr.test.kafka.bootstrap", String.class);
    }
}

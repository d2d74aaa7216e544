package dev.okr.gateway;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.okr.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** The composite views, against stand-ins that answer as the services do for one organisation's token. */
@QuarkusTest
@WithTestResource(FakeServices.class)
@WithTestResource(GatewayInfra.class)
class ViewsTest {

    private static final String CYCLE = "55555555-5555-4555-8555-555555555555";

    private static RequestSpecification as(String org) {
        return RestAssured.given().auth().oauth2(TestTokens.viewer(org));
    }

    @Test
    void shouldComposeTheDashboardOfAUnit() {
        as(FakeServices.ORG).queryParam("cycleId", CYCLE).queryParam("unitId", FakeServices.UNIT).queryParam("limit", "20")
                .get("/api/v1/dashboard").then().statusCode(200)
                .header("X-Request-Id", not(nullValue()))
                .body("cycleId", equalTo(CYCLE)).body("unitId", equalTo(FakeServices.UNIT))
                .body("unit.objectives", equalTo(2)).body("unit.cycleId", equalTo(CYCLE))
                .body("unitKpis", hasSize(1)).body("unitKpis[0].status", equalTo("AT_RISK"))
                .body("objectives", hasSize(2))
                .body("objectives[0].id", equalTo(FakeServices.OBJECTIVE))
                .body("objectives[0].keyResults[0].progress", equalTo(0.4f))
                .body("objectives[0].kpis.kpiId", org.hamcrest.Matchers.contains("k-leads", "k-cost"))
                .body("objectives[1].kpis", hasSize(0))
                // the objectives asked for are the unit's in the cycle, with the caller's page size
                .body("nextCursor", containsString("unitId=" + FakeServices.UNIT))
                .body("nextCursor", containsString("limit=20"));
    }

    @Test
    void shouldComposeTheDashboardOfAWholeCycle() {
        as(FakeServices.ORG).queryParam("cycleId", CYCLE).get("/api/v1/dashboard").then().statusCode(200)
                .body("unit", nullValue()).body("unitKpis", hasSize(0)).body("objectives", hasSize(2))
                .body("nextCursor", not(containsString("unitId")));
    }

    @Test
    void shouldShowAnotherOrganisationNothing() {
        as(UUID.randomUUID().toString()).queryParam("cycleId", CYCLE).get("/api/v1/dashboard").then().statusCode(200)
                .body("objectives", hasSize(0));
        as(UUID.randomUUID().toString()).get("/api/v1/objectives/" + FakeServices.OBJECTIVE + "/context").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRefuseADashboardWithoutACycleOrWithBadIds() {
        as(FakeServices.ORG).get("/api/v1/dashboard").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("cycleId"));
        as(FakeServices.ORG).queryParam("cycleId", CYCLE).queryParam("unitId", "sales").get("/api/v1/dashboard").then()
                .statusCode(400).body("errors[0].field", equalTo("unitId"));
        RestAssured.given().queryParam("cycleId", CYCLE).get("/api/v1/dashboard").then().statusCode(401);
    }

    @Test
    void shouldPutAnObjectiveInContext() {
        as(FakeServices.ORG).get("/api/v1/objectives/" + FakeServices.OBJECTIVE + "/context").then().statusCode(200)
                .body("objective.id", equalTo(FakeServices.OBJECTIVE))
                .body("alignmentKnown", equalTo(true))
                .body("paths", hasSize(1)).body("paths[0].id", org.hamcrest.Matchers.contains(FakeServices.OBJECTIVE, "company"))
                .body("children", hasSize(1)).body("children[0].id", equalTo("child-1"))
                .body("children[0].rollupProgress", equalTo(0.5f))
                .body("kpis", hasSize(1)).body("kpis[0].kpiId", equalTo("k-leads"));
    }

    @Test
    void shouldShowAnObjectiveAlignmentHasNotHeardOfYetWithoutPaths() {
        as(FakeServices.ORG).get("/api/v1/objectives/" + FakeServices.UNALIGNED + "/context").then().statusCode(200)
                .body("objective.id", equalTo(FakeServices.UNALIGNED)).body("alignmentKnown", equalTo(false))
                .body("paths", hasSize(0)).body("children", hasSize(0));
    }

    @Test
    void shouldAnswerAnUnknownObjectiveWith404() {
        as(FakeServices.ORG).get("/api/v1/objectives/" + UUID.randomUUID() + "/context").then().statusCode(404)
                .contentType("application/problem+json");
        as(FakeServices.ORG).get("/api/v1/objectives/not-an-id/context").then().statusCode(404)
                .contentType("application/problem+json");
    }
}

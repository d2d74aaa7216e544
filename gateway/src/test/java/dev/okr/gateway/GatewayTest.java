package dev.okr.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import dev.okr.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(FakeServices.class)
@WithTestResource(GatewayInfra.class)
class GatewayTest {

    private static final String ORG = java.util.UUID.randomUUID().toString();

    @jakarta.inject.Inject
    MovableClock clock;

    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given().auth().oauth2(TestTokens.member(ORG));
    }

    @Test
    void shouldRouteEachPrefixToTheServiceThatOwnsIt() {
        given().get("/api/v1/cycles/7?limit=2").then().statusCode(200)
                .body("service", equalTo("objectives")).body("path", equalTo("/api/v1/cycles/7"))
                .body("query", equalTo("limit=2"));
        given().get("/api/v1/key-results/1/check-ins").then().statusCode(200).body("service", equalTo("objectives"));
        given().get("/api/v1/kpis").then().statusCode(200).body("service", equalTo("kpi"));
        given().get("/api/v1/org-units/3/members").then().statusCode(200).body("service", equalTo("alignment"));
        given().get("/api/v1/alignment/orphans").then().statusCode(200).body("service", equalTo("alignment"));
    }

    @Test
    void shouldPassMethodBodyAndAuthorizationThrough() {
        String token = TestTokens.member(ORG);
        io.restassured.RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body("{\"items\":[{\"kpi\":\"leads\",\"value\":12}]}")
                .post("/api/v1/measurements:batch").then().statusCode(200)
                .body("service", equalTo("kpi")).body("method", equalTo("POST"))
                .body("path", matchesPattern("/api/v1/measurements(:|%3A)batch"))
                .body("body", equalTo("{\"items\":[{\"kpi\":\"leads\",\"value\":12}]}"))
                .body("headers.authorization", equalTo("Bearer " + token));
    }

    @Test
    void shouldNameWhatWasCreatedByThePublicAddress() {
        // the service answers Location: http://127.0.0.1:<its port>/api/v1/cycles/42, which no client can reach
        io.restassured.RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer " + TestTokens.member(ORG))
                .body("{}").post("/api/v1/cycles").then()
                .header("Location", equalTo("http://localhost:" + io.restassured.RestAssured.port + "/api/v1/cycles/42"));
        io.restassured.RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer " + TestTokens.member(ORG))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "okr.example.com")
                .body("{}").post("/api/v1/cycles").then()
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/cycles/42"));
    }

    @Test
    void shouldGiveEveryRequestAnIdAndKeepTheCallersOwn() {
        given().get("/api/v1/kpis").then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
                .body("headers.x-request-id", matchesPattern("[0-9a-f-]{36}"));
        given().header("X-Request-Id", "trace-me-42").get("/api/v1/kpis").then().statusCode(200)
                .header("X-Request-Id", equalTo("trace-me-42"))
                .body("headers.x-request-id", equalTo("trace-me-42"));
    }

    @Test
    void shouldAnswerAnUnknownApiPathWithProblemJson() {
        given().get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404)).body("detail", containsString("/q/openapi"));
    }

    @Test
    void shouldStopCallsWithoutAValidTokenAtTheEdge() {
        io.restassured.RestAssured.given().get("/api/v1/kpis").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", equalTo("Bearer"));
        io.restassured.RestAssured.given().auth().oauth2(TestTokens.signedByAStranger(ORG)).get("/api/v1/kpis").then()
                .statusCode(401).contentType("application/problem+json");
        io.restassured.RestAssured.given().auth().oauth2("not.a.jwt").get("/api/v1/kpis").then().statusCode(401);
    }

    @Test
    void shouldStopATokenOnceItExpiresThoughItWasSeenBefore() {
        String shortLived = TestTokens.token(ORG, "viewer", "brief", 60);
        for (int i = 0; i < 3; i++) {
            io.restassured.RestAssured.given().auth().oauth2(shortLived).get("/api/v1/kpis").then().statusCode(200);
        }
        // a minute later the remembered token has expired: the edge says so without checking its signature again
        clock.advance(java.time.Duration.ofSeconds(61));
        try {
            io.restassured.RestAssured.given().auth().oauth2(shortLived).get("/api/v1/kpis").then().statusCode(401)
                    .contentType("application/problem+json").body("detail", containsString("expired"));
        } finally {
            clock.reset();
        }
    }

    @Test
    void shouldLetViewersReadButNotWrite() {
        io.restassured.RestAssured.given().auth().oauth2(TestTokens.viewer(ORG)).get("/api/v1/cycles").then().statusCode(200);
        io.restassured.RestAssured.given().auth().oauth2(TestTokens.viewer(ORG)).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/cycles").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void shouldPassAnApiKeyToTheIngestionRoutesOnly() {
        io.restassured.RestAssured.given().header("X-Api-Key", "okr_key").contentType(ContentType.JSON).body("{\"items\":[]}")
                .post("/api/v1/measurements:batch").then().statusCode(200).body("headers.x-api-key", equalTo("okr_key"));
        io.restassured.RestAssured.given().header("X-Api-Key", "okr_key").contentType(ContentType.JSON).body("{\"value\":1}")
                .post("/api/v1/kpis/leads/measurements").then().statusCode(200).body("service", equalTo("kpi"));
        io.restassured.RestAssured.given().header("X-Api-Key", "okr_key").get("/api/v1/kpis").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void shouldAnswerADownServiceWithProblemJson() {
        given().get("/api/v1/down-service/x").then().statusCode(503)
                .contentType("application/problem+json").body("status", equalTo(503))
                .body("detail", containsString("cannot be reached")).header("X-Request-Id", notNullValue());
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/down-service/x").then().statusCode(503)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRefuseAnOversizedBodyWith413AfterReadingIt() {
        String body = "{\"items\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}";
        given().contentType(ContentType.JSON).body(body).post("/api/v1/measurements:batch").then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("10,000 items"));
        // the gateway goes on serving
        given().get("/api/v1/kpis").then().statusCode(200);
    }

    @Test
    void shouldAnswerASlowServiceWith504() {
        given().get("/api/v1/kpis").then().statusCode(200); // the first request of a run warms the HTTP client up
        long start = System.nanoTime();
        given().get("/api/v1/kpis/slow").then().statusCode(504)
                .contentType("application/problem+json").body("status", equalTo(504))
                .body("detail", containsString("too long"));
        // the kpi upstream waits 1 s here, and a timed-out request is not tried again
        long ms = (System.nanoTime() - start) / 1_000_000;
        org.junit.jupiter.api.Assertions.assertTrue(ms < 2900, "gave up before the service answered, took " + ms + " ms");
    }

    @Test
    void shouldTryAGetAgainWhenItsConnectionBrokeButNeverAPost() {
        String key = java.util.UUID.randomUUID().toString();
        given().get("/api/v1/kpis/flaky/" + key).then().statusCode(200).body("attempts", equalTo(2));
        String other = java.util.UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body("{\"value\":1}").post("/api/v1/kpis/flaky/" + other).then().statusCode(502)
                .contentType("application/problem+json").body("detail", containsString("did not answer"));
    }

    @Test
    void shouldPassTheTokensOrganisationOnAndDropAForgedOne() {
        given().header("X-Okr-Organisation", "forged").get("/api/v1/kpis").then().statusCode(200)
                .body("headers.x-okr-organisation", equalTo(ORG));
        // an integration's key names no organisation the gateway could vouch for: nothing is passed on
        io.restassured.RestAssured.given().header("X-Api-Key", "okr_key").header("X-Okr-Organisation", "forged")
                .contentType(ContentType.JSON).body("{\"items\":[]}").post("/api/v1/measurements:batch").then().statusCode(200)
                .body("headers", not(hasKey("x-okr-organisation")));
    }

    @Test
    void shouldLimitEachCallerWith429AndRetryAfter() {
        String caller = TestTokens.member(java.util.UUID.randomUUID().toString());
        int limited = 0;
        int firstLimited = -1;
        String retryAfter = null;
        for (int i = 0; i < 70; i++) {
            var response = io.restassured.RestAssured.given().auth().oauth2(caller).get("/api/v1/kpis");
            if (response.statusCode() == 429) {
                limited++;
                firstLimited = firstLimited < 0 ? i : firstLimited;
                retryAfter = response.header("Retry-After");
                response.then().contentType("application/problem+json");
            }
        }
        // a burst of 60, then one request a second
        org.junit.jupiter.api.Assertions.assertTrue(limited >= 1, "some of 70 requests in a burst are held back");
        org.junit.jupiter.api.Assertions.assertTrue(firstLimited >= 60, "the first 60 pass, the first held back was #" + firstLimited);
        org.junit.jupiter.api.Assertions.assertTrue(Integer.parseInt(retryAfter) >= 1);
        // another caller is not held back
        given().get("/api/v1/kpis").then().statusCode(200);
    }

    @Test
    void shouldAnswerACorsPreflightForAnAllowedOrigin() {
        io.restassured.RestAssured.given().header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/v1/cycles").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("http://localhost:5173"))
                .header("Access-Control-Max-Age", equalTo("86400"))
                .header("Vary", org.hamcrest.Matchers.containsString("Origin"));
        given().header("Origin", "http://localhost:5173").get("/api/v1/kpis").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("http://localhost:5173"))
                .header("Vary", org.hamcrest.Matchers.containsString("Origin"));
        io.restassured.RestAssured.given().header("Origin", "http://evil.example")
                .header("Access-Control-Request-Method", "POST").options("/api/v1/cycles").then()
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void shouldServeTheMergedOpenApiDocument() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("info.title", equalTo("OKR and KPI platform"))
                .body("paths", hasKey("/api/v1/cycles"))
                .body("paths", hasKey("/api/v1/kpis"))
                .body("paths", hasKey("/api/v1/org-units"))
                .body("paths", not(hasKey("/q/health")))
                .body("components.schemas", hasKey("Objectives_Thing"))
                .body("components.schemas", hasKey("Problem"))
                .body("components.securitySchemes.SecurityScheme.scheme", equalTo("bearer"))
                .body("tags.name", org.hamcrest.Matchers.hasItems("objectives", "kpi", "alignment"));
    }

    @Test
    void shouldServeTheDocumentAsYamlByDefault() {
        given().get("/q/openapi").then().statusCode(200)
                .contentType(containsString("yaml"))
                .body(containsString("/api/v1/cycles:"));
    }

    @Test
    void shouldServeSwaggerUi() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(notNullValue());
    }
}

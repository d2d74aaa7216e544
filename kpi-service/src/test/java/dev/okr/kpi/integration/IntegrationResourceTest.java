package dev.okr.kpi.integration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.okr.kpi.KpiInfra;
import dev.okr.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(KpiInfra.class)
class IntegrationResourceTest {

    private final String org = UUID.randomUUID().toString();

    @Inject
    IntegrationService integrations;

    private io.restassured.response.Response create(String token, String name) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("name", name))
                .post("/api/v1/integrations");
    }

    @Test
    void shouldShowTheKeyOnceAndListItByPrefixOnly() {
        var created = create(TestTokens.admin(org), "Salesforce CRM");
        created.then().statusCode(201)
                .body("apiKey", matchesPattern("okr_[A-Za-z0-9_-]{43}"))
                .body("keyPrefix", startsWith("okr_"))
                .body("name", equalTo("Salesforce CRM"));
        String apiKey = created.path("apiKey");

        given().auth().oauth2(TestTokens.admin(org)).get("/api/v1/integrations").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].keyPrefix", equalTo(apiKey.substring(0, 12)))
                .body("items[0].active", equalTo(true))
                .body("items[0].createdBy", equalTo("admin@" + org))
                .body(not(containsString(apiKey)));
    }

    @Test
    void shouldLetOnlyAdminsManageKeys() {
        create(TestTokens.member(org), "nope").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.viewer(org)).get("/api/v1/integrations").then().statusCode(403);
    }

    @Test
    void shouldRejectANamelessKey() {
        create(TestTokens.admin(org), "").then().statusCode(400).body("errors[0].field", equalTo("name"));
    }

    @Test
    void shouldStopAuthenticatingARevokedKeyAtOnce() throws Throwable {
        String keyOrg = UUID.randomUUID().toString();
        var created = create(TestTokens.admin(keyOrg), "CRM");
        String apiKey = created.path("apiKey");
        String id = created.path("id");

        assertEquals(UUID.fromString(keyOrg),
                VertxContextSupport.subscribeAndAwait(() -> integrations.authenticate(apiKey)).organisationId);
        given().auth().oauth2(TestTokens.admin(keyOrg)).header("If-Match", "*").delete("/api/v1/integrations/" + id).then().statusCode(204);
        assertNull(VertxContextSupport.subscribeAndAwait(() -> integrations.authenticate(apiKey)));
        given().auth().oauth2(TestTokens.admin(keyOrg)).get("/api/v1/integrations").then()
                .statusCode(200).body("items[0].active", equalTo(false)).body("items[0].revokedAt", notNullValue());
        // revoking again is harmless
        given().auth().oauth2(TestTokens.admin(keyOrg)).header("If-Match", "*").delete("/api/v1/integrations/" + id).then().statusCode(204);
    }

    @Test
    void shouldNotRevokeAnotherOrganisationsKey() {
        String id = create(TestTokens.admin(org), "mine").path("id");
        given().auth().oauth2(TestTokens.admin(UUID.randomUUID().toString())).header("If-Match", "*").delete("/api/v1/integrations/" + id)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldRecordWhoCreatedAndRevokedAKeyOnceAndNeverTheKey() throws Exception {
        String keyOrg = UUID.randomUUID().toString();
        var created = create(TestTokens.admin(keyOrg), "CRM");
        String id = created.path("id");
        String apiKey = created.path("apiKey");
        // two revokes at once: the key's row takes them in turn, the second finds it revoked
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        var first = pool.submit(() -> given().auth().oauth2(TestTokens.admin(keyOrg)).header("If-Match", "*")
                .delete("/api/v1/integrations/" + id).statusCode());
        var second = pool.submit(() -> given().auth().oauth2(TestTokens.admin(keyOrg)).header("If-Match", "*")
                .delete("/api/v1/integrations/" + id).statusCode());
        assertEquals(204, first.get());
        assertEquals(204, second.get());
        pool.shutdown();
        var trail = given().auth().oauth2(TestTokens.admin(keyOrg)).get("/api/v1/audit?resourceId=" + id);
        trail.then().statusCode(200).body("items.action", contains("integration.revoked", "integration.created"))
                .body("items[0].changes[0].field", equalTo("revoked")).body("items[0].changes[0].after", equalTo(true))
                .body("items[1].actor.id", equalTo("admin@" + keyOrg)).body(not(containsString(apiKey)));
    }
}

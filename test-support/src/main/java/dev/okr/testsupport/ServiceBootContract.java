package dev.okr.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResourceManager;

/**
 * What every service must do once booted, run by each service's own {@code @QuarkusTest} subclass:
 * ready only with its database and Kafka, metrics, its OpenAPI document, problem+json for unknown routes.
 */
public abstract class ServiceBootContract {

    /** A path of the service's public API that a viewer may read (for the 401 check). */
    protected abstract String aProtectedPath();

    /** Quarkus' management interface ({@code http://host:port/q}): a port of its own, never routed by the gateway or the Ingress. */
    public static String management() {
        String base = TestHTTPResourceManager.getManagementUri().replaceAll("/+$", "");
        return (base.endsWith("/q") ? base : base + "/q");
    }

    @Test
    void shouldBeLive() {
        given().get(management() + "/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void shouldBeReadyWithItsDatabaseAndKafka() {
        given().get(management() + "/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database connections health check")))
                .body("checks.name", hasItem(containsString("Kafka")));
    }

    @Test
    void shouldExposePrometheusMetricsOnTheManagementPortOnly() {
        String id = UUID.randomUUID().toString();
        given().auth().oauth2(TestTokens.admin(UUID.randomUUID().toString())).get(aProtectedPath()).then().statusCode(200);
        given().auth().oauth2(TestTokens.viewer(UUID.randomUUID().toString())).get(aProtectedPath() + "/" + id);
        given().get(management() + "/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("okr_outbox_published_total"))
                .body(containsString("uri=\"" + aProtectedPath() + "\""))
                // route labels are templates, never the raw paths callers sent
                .body(not(containsString(id)));
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(404);
    }

    @Test
    void shouldServeItsOpenApiDocument() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("openapi", containsString("3."))
                .body("components.securitySchemes", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void shouldAnswerAnUnknownRouteWithProblemJson() {
        given().auth().oauth2(TestTokens.viewer(UUID.randomUUID().toString()))
                .get("/api/v1/no-such-thing").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void shouldRefuseTheApiWithoutAToken() {
        given().get(aProtectedPath()).then().statusCode(401).contentType("application/problem+json");
    }
}

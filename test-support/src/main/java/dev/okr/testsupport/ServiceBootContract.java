package dev.okr.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
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
                .body("components.securitySchemes", notNullValue());
    }

    /** The platform's OpenAPI filter: each failure answer of each operation is the one Problem, and 400/401/403 are listed. */
    @Test
    @SuppressWarnings("unchecked")
    void shouldDescribeEveryFailureOfEveryOperationAsAProblem() {
        Map<String, Object> document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath().getMap("");
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");
        assertEquals(List.of("type", "title", "status"), ((Map<String, Object>) schemas.get("Problem")).get("required"));
        int checked = 0;
        for (var path : ((Map<String, Map<String, Object>>) document.get("paths")).entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                if (!(operation.getValue() instanceof Map<?, ?> op) || !op.containsKey("responses")) {
                    continue;
                }
                Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) op.get("responses");
                String where = operation.getKey() + " " + path.getKey();
                assertTrue(responses.keySet().containsAll(List.of("400", "401", "403")), where + " lists " + responses.keySet());
                for (var response : responses.entrySet()) {
                    if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        Map<String, Object> content = (Map<String, Object>) response.getValue().get("content");
                        assertNotNull(content, where + " " + response.getKey() + " has no content");
                        Map<String, Object> problem = (Map<String, Object>) content.get("application/problem+json");
                        assertNotNull(problem, where + " " + response.getKey() + " is not problem+json: " + content.keySet());
                        assertEquals("#/components/schemas/Problem", ((Map<String, Object>) problem.get("schema")).get("$ref"), where);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 10, "only " + checked + " failure answers documented");
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

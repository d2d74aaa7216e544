package dev.okr.platform.problem;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import dev.okr.platform.testapp.CrowdedDatabaseInfra;
import dev.okr.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/**
 * When PostgreSQL has no room for another connection, a request is answered 503 with Retry-After — nothing was done,
 * and the same request a moment later passes — never a 500.
 */
@QuarkusTest
@WithTestResource(CrowdedDatabaseInfra.class)
class CrowdedDatabaseTest {

    @Test
    void aRefusedConnectionIsA503WithRetryAfterNeverA500() throws Exception {
        String token = TestTokens.member(UUID.randomUUID().toString());
        ExecutorService callers = Executors.newFixedThreadPool(12);
        List<Future<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(callers.submit(() -> RestAssured.given().auth().oauth2(token).get("/test/notes/slow")));
        }
        TreeMap<Integer, Integer> statuses = new TreeMap<>();
        for (Future<Response> call : calls) {
            Response answer = call.get();
            statuses.merge(answer.statusCode(), 1, Integer::sum);
            if (answer.statusCode() == 503) {
                assertEquals("application/problem+json", answer.contentType());
                assertEquals("1", answer.header("Retry-After"));
                assertEquals("https://okr.dev/problems/service-unavailable", answer.path("type"));
            }
        }
        callers.shutdown();
        assertTrue(Set.of(200, 503).containsAll(statuses.keySet()), "only 200s and 503s: " + statuses);
        assertTrue(statuses.containsKey(503), "the server ran out of room (else this test shows nothing): " + statuses);
        assertTrue(statuses.containsKey(200), "what had a connection went through: " + statuses);
        // a moment later (as Retry-After says), the same request passes
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofSeconds(1))
                .until(() -> RestAssured.given().auth().oauth2(token).get("/test/notes/slow").statusCode() == 200);
    }
}

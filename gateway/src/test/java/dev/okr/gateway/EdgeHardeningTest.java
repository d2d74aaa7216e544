package dev.okr.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.okr.testsupport.ServiceBootContract;
import dev.okr.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** What an attacker sends the edge is answered in problem+json, and never tells them about other organisations. */
@QuarkusTest
@WithTestResource(FakeServices.class)
@WithTestResource(GatewayInfra.class)
class EdgeHardeningTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String ORG = UUID.randomUUID().toString();

    @TestHTTPResource("/")
    URL gateway;


    @Test
    void shouldKeepMetricsOffThePublicPortAndLabelRoutesAsTemplates() {
        String id = UUID.randomUUID().toString();
        given().auth().oauth2(TestTokens.member(ORG)).get("/api/v1/kpis/" + id).then().statusCode(200);
        given().get("/q/metrics").then().statusCode(404).contentType(PROBLEM);
        given().get("/q/health").then().statusCode(404).contentType(PROBLEM);
        given().get(ServiceBootContract.management() + "/metrics").then().statusCode(200)
                .body(containsString("uri=\"/api/v1/kpis/{path}\""))
                .body(not(containsString(id)));
        given().get(ServiceBootContract.management() + "/health/ready").then().statusCode(200);
    }

    @Test
    void shouldHoldBackAnAddressThatKeepsFailingToAuthenticate() {
        String address = "203.0.113." + (1 + (int) (Math.random() * 200));
        int limitedAt = -1;
        for (int i = 0; i < 30 && limitedAt < 0; i++) {
            // unknown API keys (refused by kpi-service) and forged tokens (refused at the edge) count alike
            var response = i % 2 == 0
                    ? given().header("X-Forwarded-For", address).header("X-Api-Key", "okr_unknown").contentType(ContentType.JSON)
                            .body("{\"items\":[]}").post("/api/v1/measurements:batch")
                    : given().header("X-Forwarded-For", address).auth().oauth2("forged.token.here").get("/api/v1/kpis");
            if (response.statusCode() == 429) {
                limitedAt = i;
                response.then().contentType(PROBLEM).header("Retry-After", org.hamcrest.Matchers.notNullValue())
                        .body("detail", containsString("failed authentications"));
            } else {
                assertEquals(401, response.statusCode());
            }
        }
        // a burst of 20 failures pass as 401s, then the address is held back (in these tests its allowance grows back by
        // one every ten seconds)
        assertTrue(limitedAt >= 20 && limitedAt <= 24, "held back at failure #" + limitedAt);
        // even valid credentials wait from that address; another address is not held back
        given().header("X-Forwarded-For", address).auth().oauth2(TestTokens.member(ORG)).get("/api/v1/kpis").then().statusCode(429);
        given().header("X-Forwarded-For", "198.51.100.9").auth().oauth2(TestTokens.member(ORG)).get("/api/v1/kpis").then().statusCode(200);
    }

    @Test
    void shouldAnswerHeadersTooLargeWithAProblem() {
        given().header("Authorization", "Bearer " + "a".repeat(64 * 1024)).get("/api/v1/kpis")
                .then().statusCode(431).contentType(PROBLEM).body("status", equalTo(431));
    }

    @Test
    void shouldAnswerAPathTooLongWithAProblem() {
        given().auth().oauth2(TestTokens.member(ORG)).get("/api/v1/kpis/" + "x".repeat(10_000))
                .then().statusCode(414).contentType(PROBLEM);
    }

    @Test
    void shouldAnswerPathsOutsideTheApiWithAProblem() {
        given().get("/index.html").then().statusCode(404).contentType(PROBLEM).body("detail", containsString("/api/v1"));
        given().get("/").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void shouldRefuseAnOriginCorsDoesNotAllowWithAProblem() {
        given().header("Origin", "http://evil.example").auth().oauth2(TestTokens.member(ORG)).get("/api/v1/kpis")
                .then().statusCode(403).contentType(PROBLEM).body("detail", containsString("evil.example"));
        given().header("Origin", "http://localhost:5173").auth().oauth2(TestTokens.member(ORG)).get("/api/v1/kpis")
                .then().statusCode(200);
    }

    @Test
    void shouldReadAChunkedBodyUpToTheLimitAndRefuseALargerOne() throws IOException {
        String small = "{\"items\":[{\"kpi\":\"leads\",\"value\":12}]}";
        Raw ok = raw(chunked(small.getBytes(StandardCharsets.UTF_8), 7));
        assertEquals(200, ok.status(), ok.head());
        assertEquals(small, JsonPath.from(ok.body()).getString("body"));

        byte[] large = new byte[12 * 1024 * 1024];
        java.util.Arrays.fill(large, (byte) ' ');
        Raw refused = raw(chunked(large, 64 * 1024));
        assertEquals(413, refused.status(), refused.head());
        assertEquals(413, JsonPath.from(refused.body()).getInt("status"));
    }

    @Test
    void shouldReadABodyOfUnannouncedLengthOverHttp2TooAndRefuseALargerOne() throws Exception {
        // Java's client asks for HTTP/2 (h2c) and streams a body of unknown length without Content-Length
        var client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_2).build();
        String small = "{\"items\":[{\"kpi\":\"leads\",\"value\":3}]}";
        var ok = client.send(streamed(small.getBytes(StandardCharsets.UTF_8)), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(small, JsonPath.from(ok.body()).getString("body"));
        byte[] large = new byte[12 * 1024 * 1024];
        java.util.Arrays.fill(large, (byte) ' ');
        var refused = client.send(streamed(large), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(413, refused.statusCode(), refused.body());
        assertEquals(413, JsonPath.from(refused.body()).getInt("status"));
    }

    private java.net.http.HttpRequest streamed(byte[] body) throws Exception {
        return java.net.http.HttpRequest.newBuilder(gateway.toURI().resolve("/api/v1/measurements:batch"))
                .header("Authorization", "Bearer " + TestTokens.member(ORG)).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build();
    }

    private static String chunked(byte[] body, int chunk) {
        StringBuilder b = new StringBuilder("POST /api/v1/measurements:batch HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + TestTokens.member(ORG) + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        for (int at = 0; at < body.length; at += chunk) {
            int n = Math.min(chunk, body.length - at);
            b.append(Integer.toHexString(n)).append("\r\n").append(new String(body, at, n, StandardCharsets.ISO_8859_1)).append("\r\n");
        }
        return b.append("0\r\n\r\n").toString();
    }

    private record Raw(int status, String head, String body) {
    }

    /** Sends bytes as they are (no client library would send a path like these) and reads the whole answer. */
    private Raw raw(String request) throws IOException {
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String head = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return new Raw(Integer.parseInt(head.split(" ")[1]), head, body);
        }
    }

    private static String dechunk(String body) {
        StringBuilder b = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int eol = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, eol).trim(), 16);
            if (size == 0) {
                break;
            }
            b.append(body, eol + 2, eol + 2 + size);
            at = eol + 2 + size + 2;
        }
        return b.toString();
    }

    @Test
    void shouldRefuseATokenThatLivesTooLongOrWasIssuedInTheFuture() {
        long now = java.time.Instant.now().getEpochSecond();
        given().auth().oauth2(TestTokens.issued(ORG, "member", now, 99_999_999_999L)).get("/api/v1/kpis")
                .then().statusCode(401).contentType(PROBLEM).body("detail", containsString("longer than the 24 h"));
        given().auth().oauth2(TestTokens.issued(ORG, "member", now + 3600, now + 7200)).get("/api/v1/stream")
                .then().statusCode(401).contentType(PROBLEM).body("detail", containsString("issued in the future"));
        given().auth().oauth2(TestTokens.issued(ORG, "member", now, now + 3600)).get("/api/v1/kpis").then().statusCode(200);
    }
}

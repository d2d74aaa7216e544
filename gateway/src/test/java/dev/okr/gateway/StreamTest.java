package dev.okr.gateway;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.okr.testsupport.KafkaRecords;
import dev.okr.testsupport.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The live stream, fed by events on the real (test) broker as the services publish them: each organisation sees
 * its own events only, filters narrow a stream, and a client that reconnects with Last-Event-ID gets what it missed.
 */
@QuarkusTest
@WithTestResource(FakeServices.class)
@WithTestResource(GatewayInfra.class)
class StreamTest {

    /** An open stream, read line by line in the background. */
    static final class Sse implements AutoCloseable {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final int status;
        private final Stream<String> body;

        Sse(String query, String token, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/api/v1/stream" + query))
                    .header("Accept", "text/event-stream");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofLines());
            status = response.statusCode();
            body = response.body();
            Thread reader = new Thread(() -> {
                try {
                    body.forEach(lines::add);
                } catch (RuntimeException closed) {
                    // the stream was closed
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** The ids of the events received, in order. */
        List<String> ids() {
            return lines.stream().filter(l -> l.startsWith("id: ")).map(l -> l.substring(4)).toList();
        }

        List<String> names() {
            return lines.stream().filter(l -> l.startsWith("event: ")).map(l -> l.substring(7)).toList();
        }

        @Override
        public void close() {
            body.close();
        }
    }

    private final List<Sse> open = new ArrayList<>();

    @Inject
    MovableClock clock;

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("okr.test.kafka.bootstrap", String.class);
    }

    private Sse stream(String query, String org, String lastEventId) throws Exception {
        Sse sse = new Sse(query, TestTokens.viewer(org), lastEventId);
        open.add(sse);
        return sse;
    }

    private static String send(String topic, String type, String org, String subject, String data) {
        String id = UUID.randomUUID().toString();
        KafkaRecords.send(bootstrap(), topic, subject, """
                {"specversion":"1.0","id":"%s","type":"%s","source":"/test","subject":"%s","orgid":"%s","time":"2026-11-27T10:00:00Z",
                 "data":%s}""".formatted(id, type, subject, org, data));
        return id;
    }

    /** The gateway's consumer starts at the newest event: wait until it follows every topic before a test counts. */
    @BeforeEach
    void waitUntilTheFeedFollowsTheTopics() throws Exception {
        String probe = UUID.randomUUID().toString();
        Sse sse = stream("", probe, null);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (String topic : List.of("okr.objectives.v1", "okr.kpis.v1", "okr.alignment.v1")) {
                send(topic, "dev.okr.cycle.updated", probe, topic, "{}");
            }
            return sse.lines.stream().filter(l -> l.startsWith("id: ")).count() >= 3
                    && sse.lines.stream().anyMatch(l -> l.contains("\"subject\":\"okr.objectives.v1\""))
                    && sse.lines.stream().anyMatch(l -> l.contains("\"subject\":\"okr.kpis.v1\""))
                    && sse.lines.stream().anyMatch(l -> l.contains("\"subject\":\"okr.alignment.v1\""));
        });
    }

    @AfterEach
    void closeStreams() {
        open.forEach(Sse::close);
    }

    @Test
    void shouldStreamAnOrganisationsChangesToItsStreamsOnly() throws Exception {
        String orgA = UUID.randomUUID().toString();
        String orgB = UUID.randomUUID().toString();
        String kpi = UUID.randomUUID().toString();
        String objective = UUID.randomUUID().toString();
        String unit = UUID.randomUUID().toString();
        Sse a = stream("", orgA, null);
        Sse b = stream("", orgB, null);
        Sse onlyKpi = stream("?kpiId=" + kpi, orgA, null);
        Sse onlyUnit = stream("?unitId=" + unit, orgA, null);
        assertEquals(200, a.status);
        await().atMost(Duration.ofSeconds(10)).until(() -> Stream.of(a, b, onlyKpi, onlyUnit).allMatch(s -> s.lines.contains(": connected")));

        String measured = send("okr.kpis.v1", "dev.okr.kpi.measured", orgA, kpi,
                "{\"id\":\"%s\",\"currentValue\":12,\"status\":\"ON_TRACK\",\"version\":3}".formatted(kpi));
        String checkedIn = send("okr.objectives.v1", "dev.okr.objective.checked-in", orgA, objective,
                "{\"id\":\"%s\",\"owner\":{\"type\":\"UNIT\",\"id\":\"%s\"},\"progress\":0.4,\"health\":\"AT_RISK\",\"keyResults\":[{\"id\":\"%s\"}],\"version\":2}"
                        .formatted(objective, unit, UUID.randomUUID()));
        String rolledUp = send("okr.alignment.v1", "dev.okr.rollup.changed", orgA, objective,
                "{\"objectiveId\":\"%s\",\"rollupProgress\":0.45,\"version\":5}".formatted(objective));
        String other = send("okr.kpis.v1", "dev.okr.kpi.measured", orgB, kpi, "{\"version\":1}");

        await().atMost(Duration.ofSeconds(20)).until(() -> a.ids().size() == 3 && b.ids().size() == 1);
        assertEquals(List.of(measured, checkedIn, rolledUp), a.ids());
        assertEquals(List.of("kpi", "objective", "rollup"), a.names());
        assertTrue(a.lines.stream().anyMatch(l -> l.startsWith("data: ") && l.contains("\"currentValue\":12")
                && l.contains("\"type\":\"dev.okr.kpi.measured\"")), a.lines.toString());
        assertEquals(List.of(other), b.ids());
        await().atMost(Duration.ofSeconds(10)).until(() -> onlyUnit.ids().size() == 2);
        assertEquals(List.of(checkedIn, rolledUp), onlyUnit.ids(), "the unit's objective and its roll-up");
        assertEquals(List.of(measured), onlyKpi.ids());
        // idle streams are kept open with comments
        await().atMost(Duration.ofSeconds(5)).until(() -> a.lines.contains(": keep-alive"));
    }

    @Test
    void shouldLetABrowserFollowTheStreamWithASingleUseTicket() throws Exception {
        String org = UUID.randomUUID().toString();
        String kpi = UUID.randomUUID().toString();
        String ticket = ticket(org);
        Sse browser = new Sse("?ticket=" + ticket, null, null);
        open.add(browser);
        assertEquals(200, browser.status);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.lines.contains(": connected"));
        String seen = send("okr.kpis.v1", "dev.okr.kpi.measured", org, kpi, "{\"version\":1}");
        await().atMost(Duration.ofSeconds(20)).until(() -> browser.ids().contains(seen));

        // each ticket opens one stream; one altered or of another gateway's secret opens none
        RestAssured.given().queryParam("ticket", ticket).get("/api/v1/stream").then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("used already"));
        String other = ticket(org);
        String payload = new String(Base64.getUrlDecoder().decode(other.substring(0, other.indexOf('.'))), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.replace(org, UUID.randomUUID().toString())
                .getBytes(StandardCharsets.UTF_8)) + other.substring(other.indexOf('.'));
        RestAssured.given().queryParam("ticket", forged).get("/api/v1/stream").then().statusCode(401)
                .body("detail", containsString("not issued here"));
        RestAssured.given().queryParam("ticket", "garbage").get("/api/v1/stream").then().statusCode(401);

        // a browser that lost its stream resumes with a new ticket and the last event it saw
        browser.close();
        String missed = send("okr.kpis.v1", "dev.okr.kpi.measured", org, kpi, "{\"version\":2}");
        Sse resumed = new Sse("?ticket=" + ticket(org) + "&lastEventId=" + seen, null, null);
        open.add(resumed);
        await().atMost(Duration.ofSeconds(20)).until(() -> resumed.ids().contains(missed));
        assertTrue(!resumed.ids().contains(seen), "only what came after the last event seen");

        // a ticket lives a minute
        String late = ticket(org);
        clock.advance(Duration.ofSeconds(61));
        try {
            RestAssured.given().queryParam("ticket", late).get("/api/v1/stream").then().statusCode(401)
                    .body("detail", containsString("expired"));
        } finally {
            clock.reset();
        }
        // an integration's API key gets none
        RestAssured.given().header("X-Api-Key", "okr_whatever").post("/api/v1/stream/tickets").then().statusCode(403);
    }

    private static String ticket(String org) {
        return RestAssured.given().auth().oauth2(TestTokens.viewer(org)).post("/api/v1/stream/tickets").then().statusCode(201)
                .header("Cache-Control", "no-store").body("expiresAt", notNullValue()).extract().path("ticket");
    }

    @Test
    void shouldResumeAfterTheLastEventSeen() throws Exception {
        String org = UUID.randomUUID().toString();
        Sse first = stream("", org, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> first.lines.contains(": connected"));
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String kpi = UUID.randomUUID().toString();
            sent.add(send("okr.kpis.v1", "dev.okr.kpi.measured", org, kpi, "{\"version\":" + i + "}"));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> first.ids().size() == 4);
        first.close();

        Sse resumed = stream("", org, sent.get(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> resumed.ids().size() == 2);
        assertEquals(sent.subList(2, 4), resumed.ids(), "what came after the last event seen, once");

        Sse lost = stream("", org, UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> lost.names().contains("reset"));
        assertTrue(lost.ids().isEmpty());
    }

    @Test
    void shouldRefuseStreamsToStrangersAndBadFilters() {
        RestAssured.given().get("/api/v1/stream").then().statusCode(401).contentType("application/problem+json");
        RestAssured.given().header("X-Api-Key", "okr_key").get("/api/v1/stream").then().statusCode(403);
        // a KPI is named by its id or its key (a slug); anything else is neither
        RestAssured.given().auth().oauth2(TestTokens.viewer(UUID.randomUUID().toString())).queryParam("kpiId", "Leads!")
                .get("/api/v1/stream").then().statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("kpiId"));
        RestAssured.given().auth().oauth2(TestTokens.viewer(UUID.randomUUID().toString())).queryParam("unitId", "sales")
                .get("/api/v1/stream").then().statusCode(400).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("unitId"));
    }
}

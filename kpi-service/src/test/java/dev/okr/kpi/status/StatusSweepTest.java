package dev.okr.kpi.status;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.okr.contracts.Topics;
import dev.okr.kpi.KpiApiClient;
import dev.okr.kpi.KpiInfra;
import dev.okr.testsupport.KafkaRecords;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/** A KPI whose integration goes quiet turns NO_DATA on read at once, and in storage and events at the next sweep. */
@QuarkusTest
@WithTestResource(KpiInfra.class)
class StatusSweepTest {

    @Inject
    StatusSweep sweep;

    private final KpiApiClient api = new KpiApiClient();

    @Test
    void shouldMakeAQuietIntegrationVisible() throws Throwable {
        Map<String, Object> daily = new HashMap<>(KpiApiClient.leads("quiet"));
        daily.put("frequency", "DAILY");
        String id = api.create(daily).path("id");
        // a value observed 36 hours ago, less 3 seconds: fresh for a few more seconds (1.5 daily periods)
        Instant observed = Instant.now().minus(Duration.ofHours(36)).plusSeconds(3);
        api.member().body(Map.of("items", List.of(Map.of("kpi", "quiet", "value", 40, "observedAt", observed.toString()))))
                .post("/api/v1/measurements:batch").then().statusCode(200).body("accepted", equalTo(1));
        api.viewer().get("/api/v1/kpis/quiet").then().body("status", equalTo("ON_TRACK"));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> api.viewer().get("/api/v1/kpis/quiet").then()
                .body("status", equalTo("NO_DATA")).body("statusReason", startsWith("no value since ")));
        api.viewer().queryParam("status", "NO_DATA").get("/api/v1/kpis").then().body("items.key", org.hamcrest.Matchers.not(
                org.hamcrest.Matchers.hasItem("quiet")));

        int changed = VertxContextSupport.subscribeAndAwait(() -> sweep.sweep());
        assertTrue(changed >= 1, "the sweep changed " + changed);
        api.viewer().queryParam("status", "NO_DATA").get("/api/v1/kpis").then().body("items.key", org.hamcrest.Matchers.hasItem("quiet"));
        api.viewer().get("/api/v1/kpis/quiet/status-history").then().body("items.status", org.hamcrest.Matchers.contains("NO_DATA", "ON_TRACK"));

        var events = KafkaRecords.await(KpiApiClient.bootstrap(), Topics.KPIS, r -> id.equals(r.key()), 3, Duration.ofSeconds(10));
        assertEquals(3, events.size(), "created, measured, and the sweep's change to NO_DATA");
        assertTrue(events.get(2).value().contains("\"status\":\"NO_DATA\""));
    }
}

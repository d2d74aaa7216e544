package dev.okr.kpi.kpi;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.okr.kpi.KpiApiClient;
import dev.okr.kpi.KpiInfra;
import dev.okr.kpi.status.StatusSweep;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A KPI definition changes all or nothing, only by those allowed to change it, and no organisation's KPI can
 * keep the status sweep from judging everybody else's.
 */
@QuarkusTest
@WithTestResource(KpiInfra.class)
class KpiChangesTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    Pool pool;
    @Inject
    StatusSweep sweep;
    @Inject
    MeterRegistry metrics;

    private final KpiApiClient api = new KpiApiClient();

    /**
     * Two days' totals stored before values were bounded: adding them up overflows a double, so PostgreSQL
     * refuses every recompute of the KPI's value from its days (values taken in through the API never get there).
     */
    private void poison(String kpiId) {
        OffsetDateTime today = LocalDate.now(ZoneOffset.UTC).atStartOfDay().atOffset(ZoneOffset.UTC);
        pool.preparedQuery("insert into measurement_day (kpi_id, dimension_value, day, count, total, low, high, last_value, last_at, last_id) "
                + "select $1, legacy, $2, 1, 1e308, 1e308, 1e308, 1e308, $2, 0 from unnest(array['legacy-a', 'legacy-b']) as legacy")
                .execute(Tuple.of(UUID.fromString(kpiId), today))
                .await().atMost(Duration.ofSeconds(10));
    }

    private static Map<String, Object> withAggregation(String key, String aggregation) {
        Map<String, Object> kpi = new LinkedHashMap<>(KpiApiClient.leads(key));
        kpi.put("aggregation", aggregation);
        return kpi;
    }

    @Test
    void shouldLeaveTheDefinitionAsItWasWhenItsRecomputeFails() {
        String id = api.create(withAggregation("poisoned", "LAST")).then().statusCode(201).extract().path("id");
        api.member().body(Map.of("value", 5)).post("/api/v1/kpis/poisoned/measurements").then().statusCode(201);
        String etag = api.viewer().get("/api/v1/kpis/poisoned").then().body("currentValue", equalTo(5.0f)).extract().header("ETag");
        poison(id);
        api.member().header("If-Match", etag).body(withAggregation("poisoned", "AVG")).put("/api/v1/kpis/poisoned")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("out of the range"));
        api.viewer().get("/api/v1/kpis/poisoned").then().statusCode(200).header("ETag", equalTo(etag))
                .body("aggregation", equalTo("LAST")).body("currentValue", equalTo(5.0f));
    }

    @Test
    void shouldSweepOtherOrganisationsPastAPoisonedKpi() throws Throwable {
        // organisation A: a KPI the sweep cannot recompute
        String poisoned = api.create(withAggregation("sweep-poison", "LAST")).then().statusCode(201).extract().path("id");
        api.member().body(Map.of("value", 5)).post("/api/v1/kpis/sweep-poison/measurements").then().statusCode(201);
        poison(poisoned);
        pool.preparedQuery("update kpi set aggregation = 'AVG' where id = $1").execute(Tuple.of(UUID.fromString(poisoned)))
                .await().atMost(Duration.ofSeconds(10));
        // organisation B: a daily KPI whose integration went quiet two days ago
        KpiApiClient other = new KpiApiClient();
        Map<String, Object> daily = new LinkedHashMap<>(KpiApiClient.leads("quiet-b"));
        daily.put("frequency", "DAILY");
        other.create(daily).then().statusCode(201);
        other.member().body(Map.of("value", 3, "observedAt", Instant.now().minus(Duration.ofDays(2)).toString()))
                .post("/api/v1/kpis/quiet-b/measurements").then().statusCode(201);
        pool.preparedQuery("update kpi set status = 'ON_TRACK' where organisation_id = $1")
                .execute(Tuple.of(UUID.fromString(other.org))).await().atMost(Duration.ofSeconds(10));

        double failuresBefore = metrics.counter("okr.kpi.status.sweep.failures").count();
        VertxContextSupport.subscribeAndAwait(() -> sweep.sweep());
        other.viewer().queryParam("status", "NO_DATA").get("/api/v1/kpis").then().body("items.key",
                org.hamcrest.Matchers.hasItem("quiet-b"));
        assertTrue(metrics.counter("okr.kpi.status.sweep.failures").count() >= failuresBefore + 1,
                "the poisoned KPI is counted as a failure");
    }

    @Test
    void shouldLetOnlyAnAdminOrTheOwnerChangeOrArchiveAKpi() {
        api.admin().body(KpiApiClient.leads("admins-kpi")).post("/api/v1/kpis").then().statusCode(201)
                .body("owner.type", equalTo("PERSON")).body("owner.id", equalTo("admin@" + api.org));
        Map<String, Object> lowered = new LinkedHashMap<>(KpiApiClient.leads("admins-kpi"));
        lowered.put("target", Map.of("operator", "AT_LEAST", "value", 1));
        api.member().header("If-Match", "*").body(lowered).put("/api/v1/kpis/admins-kpi").then().statusCode(403)
                .contentType(PROBLEM).body("detail", containsString("owner"));
        api.member().header("If-Match", "*").delete("/api/v1/kpis/admins-kpi").then().statusCode(403);
        api.viewer().get("/api/v1/kpis/admins-kpi").then().body("target.value", equalTo(20.0f));

        api.create(KpiApiClient.leads("members-kpi")).then().statusCode(201).body("owner.id", equalTo("member@" + api.org));
        // an owner is a person, named as objectives name theirs
        Map<String, Object> unitOwned = new LinkedHashMap<>(KpiApiClient.leads("unit-kpi"));
        unitOwned.put("owner", Map.of("type", "UNIT", "id", "sales"));
        api.admin().body(unitOwned).post("/api/v1/kpis").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", org.hamcrest.Matchers.hasItem("owner.type"));
        Map<String, Object> marias = new LinkedHashMap<>(KpiApiClient.leads("marias-kpi"));
        marias.put("owner", Map.of("type", "PERSON", "id", "maria"));
        api.admin().body(marias).post("/api/v1/kpis").then().statusCode(201).body("owner.id", equalTo("maria"));
        api.otherMember().header("If-Match", "*").body(KpiApiClient.leads("members-kpi")).put("/api/v1/kpis/members-kpi")
                .then().statusCode(403);
        Map<String, Object> ownLowered = new LinkedHashMap<>(lowered);
        ownLowered.put("key", "members-kpi");
        api.member().header("If-Match", "*").body(ownLowered).put("/api/v1/kpis/members-kpi").then().statusCode(200)
                .body("target.value", equalTo(1.0f));
        api.admin().header("If-Match", "*").body(KpiApiClient.leads("members-kpi")).put("/api/v1/kpis/members-kpi")
                .then().statusCode(200).body("target.value", equalTo(20.0f));
        api.admin().header("If-Match", "*").delete("/api/v1/kpis/admins-kpi").then().statusCode(204);
    }

    @Test
    void shouldRefuseAHostileFormulaNamingTheField() {
        api.create(KpiApiClient.leads("fin")).then().statusCode(201);
        Map<String, Object> hostile = new LinkedHashMap<>(KpiApiClient.leads("hostile"));
        hostile.put("dataSource", Map.of("type", "FORMULA", "formula", "fin + FACT(20000000) * 0"));
        api.create(hostile).then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("dataSource.formula"));
        hostile.put("dataSource", Map.of("type", "FORMULA", "formula", "(".repeat(40) + "fin" + ")".repeat(40)));
        api.create(hostile).then().statusCode(400).body("errors[0].field", equalTo("dataSource.formula"));
        hostile.put("dataSource", Map.of("type", "FORMULA", "formula", "MAX(fin, 10) * 2"));
        api.create(hostile).then().statusCode(201);
        api.member().body(Map.of("value", 7)).post("/api/v1/kpis/fin/measurements").then().statusCode(201);
        api.viewer().get("/api/v1/kpis/hostile").then().body("currentValue", equalTo(20.0f));
    }

    @Test
    void shouldKeepOneDefinitionWhenTwoChangesRace() {
        api.create(KpiApiClient.leads("raced")).then().statusCode(201);
        List<CompletableFuture<Integer>> puts = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            Map<String, Object> body = new LinkedHashMap<>(KpiApiClient.leads("raced"));
            body.put("target", Map.of("operator", "AT_LEAST", "value", i));
            puts.add(CompletableFuture.supplyAsync(() -> api.member().header("If-Match", "\"0\"").body(body)
                    .put("/api/v1/kpis/raced").statusCode()));
        }
        List<Integer> statuses = puts.stream().map(CompletableFuture::join).toList();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "one change wins: " + statuses);
        assertEquals(5, statuses.stream().filter(s -> s == 412).count(), "the others are told it changed: " + statuses);
    }

    @Test
    void shouldAnswerNotModifiedToAReaderWhoseVersionIsCurrent() {
        String etag = api.create(KpiApiClient.leads("unchanged")).then().statusCode(201).extract().header("ETag");
        api.viewer().header("If-None-Match", etag).get("/api/v1/kpis/unchanged").then().statusCode(304)
                .body(org.hamcrest.Matchers.emptyOrNullString());
        api.viewer().header("If-None-Match", "W/" + etag).get("/api/v1/kpis/unchanged").then().statusCode(304);
        api.viewer().header("If-None-Match", "\"41\"").get("/api/v1/kpis/unchanged").then().statusCode(200)
                .header("ETag", equalTo(etag)).body("key", equalTo("unchanged"));
    }

    @Test
    void shouldKeepTheETagOfTheDefinitionWhileMeasurementsArrive() {
        String etag = api.create(KpiApiClient.leads("pushed")).then().statusCode(201).extract().header("ETag");
        for (int i = 1; i <= 3; i++) {
            api.member().body(Map.of("items", List.of(Map.of("kpi", "pushed", "value", i)))).post("/api/v1/measurements:batch")
                    .then().statusCode(200);
        }
        api.viewer().get("/api/v1/kpis/pushed").then().statusCode(200).header("ETag", equalTo(etag))
                .body("currentValue", equalTo(6.0f)); // the leads KPI sums its values
        // a target edited on what was read before three CRM pushes still applies
        Map<String, Object> changed = new HashMap<>(KpiApiClient.leads("pushed"));
        changed.put("name", "Pushed leads");
        api.member().header("If-Match", etag).body(changed).put("/api/v1/kpis/pushed").then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("name", equalTo("Pushed leads"));
        api.member().header("If-Match", etag).body(changed).put("/api/v1/kpis/pushed").then().statusCode(412);
    }
}

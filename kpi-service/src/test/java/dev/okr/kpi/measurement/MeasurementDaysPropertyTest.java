package dev.okr.kpi.measurement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.okr.kpi.KpiApiClient;
import dev.okr.kpi.KpiInfra;
import dev.okr.kpi.kpi.Aggregation;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A KPI's days ({@code measurement_day}) against a full re-aggregation of its measurements, for random batches
 * (ties in observation time, values before the time frame, late values, re-sent externalIds, concurrent
 * batches), corrections and withdrawals: after every round, each day holds exactly what its measurements add up
 * to, and each KPI's value (overall and per dimension value) and DAY series are what aggregating every
 * measurement that counts gives. Sums and averages may differ in the last bits (floating-point additions in
 * another order); counts, minimums, maximums and last values must be equal.
 */
@QuarkusTest
@WithTestResource(KpiInfra.class)
class MeasurementDaysPropertyTest {

    private static final long[] SEEDS = {7, 1_234, 98_765};
    private static final int ROUNDS = 12;
    private static final List<String> REGIONS = List.of("north", "south", "east");
    /** JSON numbers as doubles (JsonPath would read them as floats, which hold only 7 digits). */
    private static final JsonPathConfig DOUBLES = new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE);

    @Inject
    Pool pool;

    @Test
    void daysAndValuesEqualAFullReaggregation() {
        for (long seed : SEEDS) {
            new Run(seed).play();
        }
    }

    /** One organisation's KPIs, one per aggregation (grouped by region) and one not grouped, driven by one seed. */
    private final class Run {

        private final long seed;
        private final Random random;
        private final KpiApiClient api = new KpiApiClient();
        private final Map<String, UUID> kpis = new LinkedHashMap<>();
        private final Map<String, Aggregation> aggregations = new HashMap<>();
        private final List<String> externalIds = new ArrayList<>();
        private final LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(20);
        private final List<Instant> hotInstants = new ArrayList<>();

        Run(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
        }

        void play() {
            for (Aggregation aggregation : Aggregation.values()) {
                define("p" + seed + "-" + aggregation.name().toLowerCase(), aggregation, "region");
            }
            define("p" + seed + "-plain-last", Aggregation.LAST, null);
            Instant now = Instant.now();
            for (int i = 0; i < 4; i++) {
                hotInstants.add(now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 24))).truncatedTo(ChronoUnit.SECONDS));
            }
            for (int round = 0; round < ROUNDS; round++) {
                switch (random.nextInt(4)) {
                    case 0 -> concurrentBatches();
                    case 1 -> correctOrWithdraw();
                    default -> batch();
                }
                check("round " + round);
            }
        }

        private void define(String key, Aggregation aggregation, String groupBy) {
            Map<String, Object> kpi = KpiApiClient.leads(key);
            kpi.put("aggregation", aggregation.name());
            kpi.put("timeframe", Map.of("start", start.toString(), "end", start.plusDays(40).toString()));
            if (groupBy != null) {
                kpi.put("groupBy", groupBy);
            }
            String id = api.create(kpi).then().statusCode(201).extract().path("id");
            kpis.put(key, UUID.fromString(id));
            aggregations.put(key, aggregation);
        }

        private Map<String, Object> item() {
            List<String> keys = new ArrayList<>(kpis.keySet());
            Map<String, Object> item = new HashMap<>();
            item.put("kpi", keys.get(random.nextInt(keys.size())));
            item.put("value", switch (random.nextInt(3)) {
                case 0 -> random.nextInt(250) - 50;
                case 1 -> Math.round((random.nextDouble() * 200 - 20) * 100) / 100.0;
                default -> List.of(0, 10, 100).get(random.nextInt(3));
            });
            Instant observed = random.nextInt(3) == 0 ? hotInstants.get(random.nextInt(hotInstants.size()))
                    // from three days before the time frame (not counted in the KPI's value) up to now
                    : Instant.now().minus(Duration.ofMinutes(random.nextInt(60 * 24 * 23))).truncatedTo(ChronoUnit.SECONDS);
            item.put("observedAt", observed.toString());
            item.put("dimensions", Map.of("region", REGIONS.get(random.nextInt(REGIONS.size())), "channel", "web"));
            if (random.nextInt(4) > 0) {
                String externalId = !externalIds.isEmpty() && random.nextInt(6) == 0
                        ? externalIds.get(random.nextInt(externalIds.size())) : "e" + seed + "-" + externalIds.size();
                externalIds.add(externalId);
                item.put("externalId", externalId);
            }
            return item;
        }

        private List<Map<String, Object>> items(int max) {
            List<Map<String, Object>> items = new ArrayList<>();
            int n = 1 + random.nextInt(max);
            for (int i = 0; i < n; i++) {
                items.add(item());
            }
            return items;
        }

        private void batch() {
            api.member().body(Map.of("items", items(60))).post("/api/v1/measurements:batch").then().statusCode(200);
        }

        private void concurrentBatches() {
            List<List<Map<String, Object>>> batches = List.of(items(30), items(30), items(30), items(30));
            CompletableFuture.allOf(batches.stream().map(b -> CompletableFuture.runAsync(() -> api.member()
                    .body(Map.of("items", b)).post("/api/v1/measurements:batch").then().statusCode(200)))
                    .toArray(CompletableFuture[]::new)).join();
        }

        private void correctOrWithdraw() {
            List<Row> counting = new ArrayList<>();
            pool.preparedQuery("select id, kpi_id from measurement where kpi_id = any($1) and withdrawn_at is null order by id")
                    .execute(Tuple.of(kpis.values().toArray(UUID[]::new))).await().indefinitely().forEach(counting::add);
            for (int i = 0; i < 3 && !counting.isEmpty(); i++) {
                Row chosen = counting.remove(random.nextInt(counting.size()));
                String key = keyOf(chosen.getUUID("kpi_id"));
                String path = "/api/v1/kpis/" + key + "/measurements/" + chosen.getLong("id");
                if (random.nextBoolean()) {
                    api.member().header("If-Match", "\"0\"").body(Map.of("value", random.nextInt(100) - 10)).put(path)
                            .then().statusCode(200);
                } else {
                    api.member().header("If-Match", "\"0\"").delete(path).then().statusCode(204);
                }
            }
        }

        private String keyOf(UUID id) {
            return kpis.entrySet().stream().filter(e -> e.getValue().equals(id)).findFirst().orElseThrow().getKey();
        }

        private void check(String when) {
            String at = "seed " + seed + ", " + when;
            Map<String, List<Object>> expectedDays = days("select kpi_id, dimension_value, date_trunc('day', observed_at, 'UTC') as day, count(*) as count, "
                    + "sum(value) as total, min(value) as low, max(value) as high, "
                    + "(array_agg(value order by observed_at desc, id desc))[1] as last_value, max(observed_at) as last_at, "
                    + "(array_agg(id order by observed_at desc, id desc))[1] as last_id from measurement "
                    + "where kpi_id = any($1) and withdrawn_at is null group by 1, 2, 3");
            Map<String, List<Object>> storedDays = days("select kpi_id, dimension_value, day, count, total, low, high, last_value, "
                    + "last_at, last_id from measurement_day where kpi_id = any($1)");
            assertEquals(expectedDays.keySet(), storedDays.keySet(), at + ": which days");
            expectedDays.forEach((day, expected) -> {
                List<Object> stored = storedDays.get(day);
                assertEquals(expected.subList(1, expected.size()), stored.subList(1, stored.size()), at + ": day " + day);
                near((Double) expected.get(0), (Double) stored.get(0), Aggregation.SUM, at + ": total of day " + day);
            });
            for (var kpi : kpis.entrySet()) {
                Aggregation aggregation = aggregations.get(kpi.getKey());
                JsonPath shown = api.viewer().get("/api/v1/kpis/" + kpi.getKey()).then().statusCode(200).extract().jsonPath().using(DOUBLES);
                Map<String, Double> expected = reaggregate(kpi.getValue(), aggregation);
                String what = at + ", " + kpi.getKey();
                near(expected.get(""), number(shown.get("currentValue")), aggregation, what + " overall");
                if (shown.getList("statusByDimension") != null) {
                    for (Map<String, Object> d : shown.<Map<String, Object>>getList("statusByDimension")) {
                        near(expected.get((String) d.get("value")), number(d.get("currentValue")), aggregation,
                                what + " " + d.get("value"));
                    }
                    assertEquals(expected.size() - 1, shown.getList("statusByDimension").size(), what + ": dimension values");
                }
                checkSeries(kpi.getKey(), kpi.getValue(), aggregation, what);
            }
        }

        /** A DAY series from 07:00 of the first day up to now: the two partial days read from the measurements themselves. */
        private void checkSeries(String key, UUID id, Aggregation aggregation, String what) {
            Instant from = start.atStartOfDay(ZoneOffset.UTC).toInstant().minus(Duration.ofHours(17));
            Instant to = Instant.now();
            Map<Instant, Double> expected = new TreeMap<>();
            Map<Instant, Long> counts = new TreeMap<>();
            pool.preparedQuery("select date_trunc('day', observed_at, 'UTC') as day, " + fullAggregate(aggregation) + " as value, "
                    + "count(*) as n from measurement where kpi_id = $1 and withdrawn_at is null and observed_at >= $2 "
                    + "and observed_at < $3 group by 1").execute(Tuple.of(id, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
                    .await().indefinitely().forEach(r -> {
                        expected.put(r.getOffsetDateTime("day").toInstant(), r.getDouble("value"));
                        counts.put(r.getOffsetDateTime("day").toInstant(), r.getLong("n"));
                    });
            JsonPath series = api.viewer().queryParam("from", from.toString()).queryParam("to", to.toString())
                    .queryParam("bucket", "DAY").get("/api/v1/kpis/" + key + "/series").then().statusCode(200).extract().jsonPath().using(DOUBLES);
            List<Map<String, Object>> all = series.getList("points");
            // the days without a measurement are carried: 0 for a KPI that adds up, else the day before's value
            Object previous = null;
            for (Map<String, Object> p : all) {
                if (Boolean.TRUE.equals(p.get("carried"))) {
                    assertEquals(0L, ((Number) p.get("count")).longValue(), what + " carried count " + p.get("start"));
                    Object carried = aggregation.accumulates() ? (Object) 0.0 : previous;
                    assertEquals(carried == null ? null : number(carried), p.get("value") == null ? null : number(p.get("value")),
                            what + " carried " + p.get("start"));
                }
                previous = p.get("value");
            }
            List<Map<String, Object>> points = all.stream().filter(p -> !Boolean.TRUE.equals(p.get("carried"))).toList();
            assertEquals(expected.keySet().stream().map(Instant::toString).toList(),
                    points.stream().map(p -> Instant.parse((String) p.get("start")).toString()).toList(), what + ": series buckets");
            for (Map<String, Object> p : points) {
                Instant day = Instant.parse((String) p.get("start"));
                near(expected.get(day), number(p.get("value")), aggregation, what + " series " + day);
                assertEquals(counts.get(day).longValue(), ((Number) p.get("count")).longValue(), what + " series count " + day);
            }
        }

        /** The KPI's value over its time frame from every measurement that counts: "" overall, else per region. */
        private Map<String, Double> reaggregate(UUID id, Aggregation aggregation) {
            Map<String, Double> values = new HashMap<>();
            OffsetDateTime from = start.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime();
            OffsetDateTime to = start.plusDays(41).atStartOfDay(ZoneOffset.UTC).toOffsetDateTime();
            pool.preparedQuery("select dimension_value, grouping(dimension_value) as overall, " + fullAggregate(aggregation)
                    + " as value from measurement where kpi_id = $1 and withdrawn_at is null and observed_at >= $2 "
                    + "and observed_at < $3 group by grouping sets ((dimension_value), ())").execute(Tuple.of(id, from, to))
                    .await().indefinitely().forEach(r -> {
                        if (r.getInteger("overall") == 1) {
                            values.put("", r.getDouble("value"));
                        } else if (r.getString("dimension_value") != null) {
                            values.put(r.getString("dimension_value"), r.getDouble("value"));
                        }
                    });
            return values;
        }

        private Map<String, List<Object>> days(String sql) {
            Map<String, List<Object>> days = new TreeMap<>();
            pool.preparedQuery(sql).execute(Tuple.of(kpis.values().toArray(UUID[]::new))).await().indefinitely().forEach(r -> {
                String day = r.getUUID("kpi_id") + "/" + r.getString("dimension_value") + "/" + r.getOffsetDateTime("day").toInstant();
                // the total first: sums in another order may differ in the last bits, the rest must be equal
                days.put(day, List.of(r.getDouble("total"), r.getLong("count"), r.getDouble("low"),
                        r.getDouble("high"), r.getDouble("last_value"), r.getOffsetDateTime("last_at").toInstant(), r.getLong("last_id")));
            });
            return days;
        }
    }

    private static String fullAggregate(Aggregation aggregation) {
        return switch (aggregation) {
            case SUM -> "sum(value)";
            case COUNT -> "count(*)::float8";
            case AVG -> "avg(value)";
            case MIN -> "min(value)";
            case MAX -> "max(value)";
            case LAST -> "(array_agg(value order by observed_at desc, id desc))[1]";
        };
    }

    private static Double number(Object json) {
        return json == null ? null : ((Number) json).doubleValue();
    }

    private static void near(Double expected, Double actual, Aggregation aggregation, String what) {
        if (expected == null || actual == null || aggregation == Aggregation.COUNT || aggregation == Aggregation.MIN
                || aggregation == Aggregation.MAX || aggregation == Aggregation.LAST) {
            assertEquals(expected, actual, what);
            return;
        }
        assertTrue(Math.abs(expected - actual) <= 1e-9 * Math.max(1, Math.abs(expected)),
                what + ": expected " + expected + " but was " + actual);
    }
}

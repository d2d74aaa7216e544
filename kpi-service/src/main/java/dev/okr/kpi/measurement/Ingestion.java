package dev.okr.kpi.measurement;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.okr.kpi.kpi.Frequency;
import dev.okr.kpi.kpi.Kpi;
import dev.okr.kpi.kpi.KpiRepository;
import dev.okr.kpi.measurement.MeasurementApi.BatchResult;
import dev.okr.kpi.measurement.MeasurementApi.ItemResult;
import dev.okr.kpi.measurement.MeasurementApi.ItemStatus;
import dev.okr.kpi.status.KpiStateUpdater;
import dev.okr.kpi.tally.MeasurementDays;
import dev.okr.platform.audit.Actor;
import dev.okr.platform.audit.AuditChange;
import dev.okr.platform.audit.AuditTrail;
import dev.okr.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Ingestion, the hot path: a batch is checked item by item, its valid items written with one multi-row
 * statement ({@code unnest}) that also adds them to their KPIs' days ({@link MeasurementDays}), re-sent items
 * (same KPI and {@code externalId}) recognised as duplicates, and each KPI that received values recomputed and published once — all in one transaction.
 */
@ApplicationScoped
public class Ingestion {

    private static final String KPIS = "select id, key, source_type, group_by, frequency from kpi "
            + "where organisation_id = $1 and archived_at is null and (key = any($2) or id = any($3))";
    /** Stores the new measurements and adds them to their days, in one statement. */
    private static final String INSERT = "with stored as (insert into measurement "
            + "(kpi_id, observed_at, value, dimensions, dimension_value, source, external_id, received_at, late) "
            + "select k, o, v, d::jsonb, dv, $6, e, $7, l "
            + "from unnest($1::uuid[], $2::timestamptz[], $3::float8[], $4::text[], $5::text[], $8::text[], $9::bool[]) "
            + "as t(k, o, v, d, dv, e, l) "
            + "on conflict (kpi_id, external_id) where external_id is not null do nothing "
            + "returning id, kpi_id, dimension_value, observed_at, value, external_id), "
            + "counted as (" + MeasurementDays.add("stored") + ") "
            + "select kpi_id, external_id from stored";

    private record KpiRef(UUID id, String key, String sourceType, String groupBy, Frequency frequency) {
    }

    private final Pool pool;
    private final KpiStateUpdater states;
    private final ObjectMapper json;
    private final AuditTrail audit;
    private final Clock clock;

    public Ingestion(Pool pool, KpiStateUpdater states, ObjectMapper json, AuditTrail audit, Clock clock) {
        this.pool = pool;
        this.states = states;
        this.json = json;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a request got, and whether it is the stored answer to an earlier request with the same Idempotency-Key. */
    public record Outcome(BatchResult result, boolean replayed) {
    }

    /**
     * Stores the items that are valid and says what became of each. {@code kpiFromPath} is the KPI's key or id when
     * the items come for one KPI, else null (each names its own); {@code source} is who sent them
     * ({@code integration:<name>} or {@code user:<subject>}).
     * With an {@code Idempotency-Key}: the first request with the key is processed and its answer kept
     * (24 hours); a retry with the same key and the same body gets that answer again and changes nothing;
     * the same key with another body is refused (422). A concurrent retry waits for the first to finish.
     */
    public Uni<Outcome> ingest(UUID organisationId, String source, List<JsonNode> items, String kpiFromPath,
            String idempotencyKey, String requestHash) {
        Actor actor = audit.currentActor();
        if (idempotencyKey == null) {
            return process(organisationId, source, items, kpiFromPath, actor).map(r -> new Outcome(r, false));
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw ProblemException.invalid("Idempotency-Key", "must be 1 to 200 characters, e.g. a UUID per logical request");
        }
        return pool.withTransaction(c -> c.preparedQuery("insert into idempotency_key (organisation_id, key, request_hash, created_at) "
                + "values ($1, $2, $3, $4) on conflict do nothing returning key")
                .execute(Tuple.of(organisationId, idempotencyKey, requestHash, clock.instant().atOffset(ZoneOffset.UTC)))
                .chain(claimed -> {
                    if (claimed.rowCount() == 0) {
                        return replay(c, organisationId, idempotencyKey, requestHash);
                    }
                    return process(c, organisationId, source, items, kpiFromPath, actor).call(result -> c.preparedQuery(
                            "update idempotency_key set response = $3 where organisation_id = $1 and key = $2")
                            .execute(Tuple.of(organisationId, idempotencyKey, write(result)))).map(r -> new Outcome(r, false));
                }));
    }

    private Uni<Outcome> replay(SqlConnection c, UUID organisationId, String key, String requestHash) {
        return c.preparedQuery("select request_hash, response from idempotency_key where organisation_id = $1 and key = $2")
                .execute(Tuple.of(organisationId, key)).map(rows -> {
                    Row row = rows.iterator().next();
                    if (!row.getString("request_hash").equals(requestHash)) {
                        throw new ProblemException(422, "idempotency-key-reused", "Idempotency-Key reused",
                                "This Idempotency-Key was used for a different request: use a new key for a new request.", null);
                    }
                    try {
                        return new Outcome(json.readValue(row.getString("response"), BatchResult.class), true);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("stored answer of Idempotency-Key " + key + " is unreadable", e);
                    }
                });
    }

    private Uni<BatchResult> process(UUID organisationId, String source, List<JsonNode> items, String kpiFromPath, Actor actor) {
        return pool.withTransaction(c -> process(c, organisationId, source, items, kpiFromPath, actor));
    }

    private Uni<BatchResult> process(SqlConnection conn, UUID organisationId, String source, List<JsonNode> items, String kpiFromPath,
            Actor actor) {
        if (items.size() > MeasurementApi.MAX_ITEMS) {
            throw ProblemException.invalid("items", "at most " + MeasurementApi.MAX_ITEMS + " items per batch; this one has "
                    + items.size() + ": split it");
        }
        Instant now = clock.instant();
        ItemResult[] results = new ItemResult[items.size()];
        List<ParsedItem> parsed = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ItemParser.Outcome o = ItemParser.parse(i, items.get(i), kpiFromPath, now);
            if (o.error() != null) {
                results[i] = new ItemResult(i, ItemStatus.REJECTED, o.error());
            } else {
                parsed.add(o.item());
            }
        }
        if (parsed.isEmpty()) {
            return Uni.createFrom().item(summary(results));
        }
        return resolve(conn, organisationId, parsed).chain(kpis -> {
            List<ParsedItem> accepted = new ArrayList<>();
            Set<String> seenExternal = new HashSet<>();
            for (ParsedItem item : parsed) {
                KpiRef kpi = kpis.get(item.kpi());
                String error = kpi == null ? "kpi: no KPI '" + item.kpi() + "' in your organisation"
                        : check(kpi, item);
                if (error != null) {
                    results[item.index()] = new ItemResult(item.index(), ItemStatus.REJECTED, error);
                } else if (item.externalId() != null && !seenExternal.add(kpi.id() + "/" + item.externalId())) {
                    results[item.index()] = new ItemResult(item.index(), ItemStatus.DUPLICATE, "externalId: repeated in this batch");
                } else {
                    accepted.add(item);
                }
            }
            if (accepted.isEmpty()) {
                return Uni.createFrom().item(summary(results));
            }
            return insert(conn, accepted, kpis, source, now).chain(inserted -> {
                Map<UUID, Instant> touched = new LinkedHashMap<>();
                Map<UUID, Integer> counted = new LinkedHashMap<>();
                for (ParsedItem item : accepted) {
                    KpiRef kpi = kpis.get(item.kpi());
                    boolean fresh = item.externalId() == null || inserted.contains(kpi.id() + "/" + item.externalId());
                    results[item.index()] = new ItemResult(item.index(), fresh ? ItemStatus.ACCEPTED : ItemStatus.DUPLICATE,
                            fresh ? null : "externalId: already received");
                    if (fresh) {
                        // the earliest observation each KPI took: its status history is judged again from then
                        touched.merge(kpi.id(), item.observedAt(), (a, b) -> a.isBefore(b) ? a : b);
                        counted.merge(kpi.id(), 1, Integer::sum);
                    }
                }
                return states.recompute(conn, touched, now)
                        .chain(() -> measured(conn, actor, organisationId, counted, source, now))
                        .replaceWith(summary(results));
            });
        });
    }

    /** The audit trail's entries of a push: for each KPI, how many measurements it took from whom (not each value). */
    private Uni<Void> measured(SqlConnection conn, Actor actor, UUID organisationId, Map<UUID, Integer> counted, String source, Instant now) {
        if (actor == null) {
            return Uni.createFrom().voidItem();
        }
        List<AuditTrail.Entry> entries = new ArrayList<>();
        for (Map.Entry<UUID, Integer> kpi : counted.entrySet()) {
            entries.add(new AuditTrail.Entry(organisationId, now, actor, "kpi.measured", "kpi", kpi.getKey().toString(), null,
                    List.of(new AuditChange("measurements", null, IntNode.valueOf(kpi.getValue())),
                            new AuditChange("source", null, TextNode.valueOf(source)))));
        }
        return audit.record(conn, entries); // one round trip for the push
    }

    /**
     * The organisation's KPIs the items name, by the reference each item used: a reference that reads as a
     * UUID is an id and nothing else (keys never read as one), any other is a key.
     */
    private Uni<Map<String, KpiRef>> resolve(SqlConnection c, UUID organisationId, List<ParsedItem> items) {
        Set<String> keys = new HashSet<>();
        Set<UUID> ids = new HashSet<>();
        for (ParsedItem item : items) {
            UUID id = KpiRepository.idOf(item.kpi());
            if (id != null) {
                ids.add(id);
            } else {
                keys.add(item.kpi());
            }
        }
        return c.preparedQuery(KPIS).execute(Tuple.of(organisationId, keys.toArray(String[]::new), ids.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<String, KpiRef> byRef = new HashMap<>();
                    for (Row r : rows) {
                        KpiRef ref = new KpiRef(r.getUUID("id"), r.getString("key"), r.getString("source_type"),
                                r.getString("group_by"), Frequency.valueOf(r.getString("frequency")));
                        if (ids.contains(ref.id())) {
                            byRef.put(ref.id().toString(), ref);
                        }
                        if (keys.contains(ref.key())) {
                            byRef.put(ref.key(), ref);
                        }
                    }
                    Map<String, KpiRef> byItemRef = new HashMap<>();
                    for (ParsedItem item : items) {
                        UUID id = KpiRepository.idOf(item.kpi());
                        KpiRef ref = byRef.get(id != null ? id.toString() : item.kpi());
                        if (ref != null) {
                            byItemRef.put(item.kpi(), ref);
                        }
                    }
                    return byItemRef;
                });
    }

    private static String check(KpiRef kpi, ParsedItem item) {
        if (Kpi.SourceType.valueOf(kpi.sourceType()) == Kpi.SourceType.FORMULA) {
            return "kpi: '" + kpi.key() + "' is computed from its formula and takes no measurements";
        }
        if (kpi.groupBy() != null && (item.dimensions() == null || !item.dimensions().containsKey(kpi.groupBy()))) {
            return "dimensions." + kpi.groupBy() + ": '" + kpi.key() + "' is judged per " + kpi.groupBy() + ": name it";
        }
        return null;
    }

    /**
     * Writes the items in one statement; answers the "kpi/externalId" of the rows that were new. The rows go in
     * in (KPI, externalId) order, as do their days and then the KPIs' locks, so concurrent batches that share
     * externalIds, days or KPIs wait for each other in one order and never deadlock.
     */
    private Uni<Set<String>> insert(SqlConnection c, List<ParsedItem> unordered, Map<String, KpiRef> kpis, String source, Instant now) {
        List<ParsedItem> items = new ArrayList<>(unordered);
        items.sort(Comparator.comparing((ParsedItem item) -> kpis.get(item.kpi()).id())
                .thenComparing(ParsedItem::externalId, Comparator.nullsLast(Comparator.naturalOrder())));
        int n = items.size();
        UUID[] kpiIds = new UUID[n];
        OffsetDateTime[] observed = new OffsetDateTime[n];
        Double[] values = new Double[n];
        String[] dimensions = new String[n];
        String[] dimensionValues = new String[n];
        String[] externalIds = new String[n];
        Boolean[] late = new Boolean[n];
        for (int i = 0; i < n; i++) {
            ParsedItem item = items.get(i);
            KpiRef kpi = kpis.get(item.kpi());
            kpiIds[i] = kpi.id();
            observed[i] = item.observedAt().atOffset(ZoneOffset.UTC);
            values[i] = item.value();
            dimensions[i] = item.dimensions() == null ? null : write(item.dimensions());
            dimensionValues[i] = kpi.groupBy() == null ? null : item.dimensions().get(kpi.groupBy());
            externalIds[i] = item.externalId();
            late[i] = item.observedAt().isBefore(now.minus(kpi.frequency().period()));
        }
        Tuple params = Tuple.tuple(List.of(kpiIds, observed, values, dimensions, dimensionValues, source,
                now.atOffset(ZoneOffset.UTC), externalIds, late));
        return c.preparedQuery(INSERT).execute(params).map(rows -> {
            Set<String> inserted = new HashSet<>();
            for (Row r : rows) {
                if (r.getString("external_id") != null) {
                    inserted.add(r.getUUID("kpi_id") + "/" + r.getString("external_id"));
                }
            }
            return inserted;
        });
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BatchResult summary(ItemResult[] results) {
        int accepted = 0;
        int duplicates = 0;
        int rejected = 0;
        for (ItemResult r : results) {
            switch (r.status()) {
                case ACCEPTED -> accepted++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> rejected++;
            }
        }
        return new BatchResult(accepted, duplicates, rejected, List.of(results));
    }
}

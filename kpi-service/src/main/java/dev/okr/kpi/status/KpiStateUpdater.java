package dev.okr.kpi.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.kpi.kpi.Aggregation;
import dev.okr.kpi.kpi.Frequency;
import dev.okr.kpi.kpi.Operator;
import dev.okr.platform.events.Topics;
import dev.okr.platform.events.contracts.KpiState;
import dev.okr.platform.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Recomputes KPIs' values and statuses from their measurements, in SQL, inside the caller's transaction:
 * the KPI rows are locked (in id order, so concurrent batches queue rather than deadlock), aggregated over
 * [time frame start, time frame end], judged by {@link KpiStatusRules}, and each KPI whose value or status
 * changed is updated, its status change kept, and one event published for it.
 */
@ApplicationScoped
public class KpiStateUpdater {

    private static final String LOCK = "select id, organisation_id, key, name, unit, target_operator, target_value, "
            + "target_upper_value, baseline, timeframe_start, timeframe_end, frequency, aggregation, group_by, at_risk_band, "
            + "current_value, status, status_reason, last_measured_at, archived_at, version "
            + "from kpi where id = any($1) order by id for no key update";

    private final Outbox outbox;

    public KpiStateUpdater(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Answers the states of the KPIs that changed (and were published). */
    public Uni<List<KpiState>> recompute(SqlConnection c, List<UUID> kpiIds, Instant now) {
        if (kpiIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return c.preparedQuery(LOCK).execute(Tuple.of(kpiIds.toArray(UUID[]::new))).chain(rows -> {
            List<KpiState> changed = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Row row : rows) {
                chain = chain.chain(() -> recomputeOne(c, row, now).invoke(state -> {
                    if (state != null) {
                        changed.add(state);
                    }
                }).replaceWithVoid());
            }
            return chain.replaceWith(changed);
        });
    }

    private Uni<KpiState> recomputeOne(SqlConnection c, Row k, Instant now) {
        UUID id = k.getUUID("id");
        Aggregation aggregation = Aggregation.valueOf(k.getString("aggregation"));
        LocalDate start = k.getLocalDate("timeframe_start");
        LocalDate end = k.getLocalDate("timeframe_end");
        Target target = new Target(Operator.valueOf(k.getString("target_operator")), k.getDouble("target_value"),
                k.getDouble("target_upper_value"), k.getDouble("baseline"), start, end,
                Frequency.valueOf(k.getString("frequency")), aggregation, k.getDouble("at_risk_band"), k.getString("unit"));
        boolean grouped = k.getString("group_by") != null;
        String sql = "select dimension_value, grouping(dimension_value) as overall, " + aggregation.sql()
                + " as value, max(observed_at) as last from measurement where kpi_id = $1 and withdrawn_at is null "
                + "and observed_at >= $2 and observed_at < $3 group by grouping sets ((dimension_value), ())";
        Tuple params = Tuple.of(id, start.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime(),
                end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toOffsetDateTime());
        return c.preparedQuery(sql).execute(params).chain(result -> {
            Double value = null;
            Instant last = null;
            Map<String, Evaluation> byDimension = new TreeMap<>();
            Map<String, Double> dimensionValues = new TreeMap<>();
            Map<String, Instant> dimensionLast = new TreeMap<>();
            for (Row r : result) {
                Double v = r.getDouble("value");
                Instant at = instant(r.getOffsetDateTime("last"));
                if (r.getInteger("overall") == 1) {
                    value = v;
                    last = at;
                } else if (grouped && r.getString("dimension_value") != null) {
                    String dim = r.getString("dimension_value");
                    byDimension.put(dim, KpiStatusRules.evaluate(target, v, at, now));
                    dimensionValues.put(dim, v);
                    dimensionLast.put(dim, at);
                }
            }
            Evaluation overall = grouped && !byDimension.isEmpty() ? KpiStatusRules.overall(byDimension)
                    : KpiStatusRules.evaluate(target, value, last, now);
            boolean changed = !Objects.equals(value, k.getDouble("current_value"))
                    || !overall.status().name().equals(k.getString("status"))
                    || !Objects.equals(overall.reason(), k.getString("status_reason"))
                    || !Objects.equals(last, instant(k.getOffsetDateTime("last_measured_at")));
            Uni<Void> dims = grouped ? saveDimensions(c, id, byDimension, dimensionValues, dimensionLast) : Uni.createFrom().voidItem();
            if (!changed) {
                return dims.replaceWith((KpiState) null);
            }
            Double newValue = value;
            Instant newLast = last;
            boolean statusChanged = !overall.status().name().equals(k.getString("status"));
            return dims
                    .chain(() -> c.preparedQuery("update kpi set current_value = $2, status = $3, status_reason = $4, "
                            + "last_measured_at = $5, version = version + 1, updated_at = $6 where id = $1 returning version")
                            .execute(Tuple.of(id, newValue, overall.status().name(), overall.reason(),
                                    offset(newLast), offset(now))))
                    .chain(updated -> {
                        long version = updated.iterator().next().getLong("version");
                        Uni<Void> history = statusChanged
                                ? c.preparedQuery("insert into kpi_status_change (kpi_id, status, reason, value, changed_at) "
                                        + "values ($1, $2, $3, $4, $5)")
                                        .execute(Tuple.of(id, overall.status().name(), overall.reason(), newValue, offset(now)))
                                        .replaceWithVoid()
                                : Uni.createFrom().voidItem();
                        KpiState state = new KpiState(id, k.getUUID("organisation_id"), k.getString("key"), k.getString("name"),
                                k.getString("unit"), new KpiState.Target(target.operator().name(), target.value(),
                                        target.upperValue(), target.baseline()),
                                newValue, overall.status().name(), newLast, k.getOffsetDateTime("archived_at") != null, version);
                        return history.chain(() -> outbox.record(c, Topics.KPIS, KpiEvents.MEASURED, state.organisationId(), id, state))
                                .replaceWith(state);
                    });
        });
    }

    private static Uni<Void> saveDimensions(SqlConnection c, UUID id, Map<String, Evaluation> byDimension,
            Map<String, Double> values, Map<String, Instant> lasts) {
        if (byDimension.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> dims = new ArrayList<>(byDimension.keySet());
        return c.preparedQuery("insert into kpi_dimension_status (kpi_id, dimension_value, current_value, status, status_reason, last_measured_at) "
                + "select $1, d, v, s, r, l from unnest($2::text[], $3::float8[], $4::text[], $5::text[], $6::timestamptz[]) as t(d, v, s, r, l) "
                + "on conflict (kpi_id, dimension_value) do update set current_value = excluded.current_value, status = excluded.status, "
                + "status_reason = excluded.status_reason, last_measured_at = excluded.last_measured_at")
                .execute(Tuple.of(id, dims.toArray(String[]::new),
                        dims.stream().map(values::get).toArray(Double[]::new),
                        dims.stream().map(d -> byDimension.get(d).status().name()).toArray(String[]::new),
                        dims.stream().map(d -> byDimension.get(d).reason()).toArray(String[]::new),
                        dims.stream().map(d -> offset(lasts.get(d))).toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime offset(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}

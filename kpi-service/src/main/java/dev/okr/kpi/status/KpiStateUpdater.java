package dev.okr.kpi.status;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.contracts.Topics;
import dev.okr.contracts.events.KpiChanged;
import dev.okr.kpi.formula.Formula;
import dev.okr.kpi.kpi.Aggregation;
import dev.okr.kpi.kpi.Frequency;
import dev.okr.kpi.kpi.Kpi;
import dev.okr.kpi.kpi.Operator;
import dev.okr.kpi.tally.MeasurementDays;
import dev.okr.platform.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Recomputes KPIs' values and statuses from their measurements, in SQL, inside the caller's transaction:
 * the KPI rows are locked (in id order, so concurrent batches queue rather than deadlock), their values
 * aggregated from the days of [time frame start, time frame end] ({@link MeasurementDays}), judged by {@link KpiStatusRules}, and each KPI whose value or status
 * changed is updated, its status change kept, and one event published for it.
 */
@ApplicationScoped
public class KpiStateUpdater {

    private static final String LOCK = "select id, organisation_id, key, name, unit, target_operator, target_value, "
            + "target_upper_value, baseline, timeframe_start, timeframe_end, frequency, aggregation, group_by, at_risk_band, "
            + "current_value, status, status_reason, last_measured_at, archived_at, version, source_type, formula, period_every "
            + "from kpi where id = any($1) order by id for no key update";

    private final Outbox outbox;
    private final Vertx vertx;

    public KpiStateUpdater(Outbox outbox, Vertx vertx) {
        this.outbox = outbox;
        this.vertx = vertx;
    }

    private static final String DEPENDENTS = "select distinct formula_kpi_id from kpi_formula_input where input_kpi_id = any($1)";
    private static final int MAX_FORMULA_DEPTH = 8;

    /**
     * Answers the states of the KPIs that changed (and were published), including the FORMULA KPIs that
     * read them, recomputed after their inputs.
     */
    public Uni<List<KpiChanged>> recompute(SqlConnection c, List<UUID> kpiIds, Instant now) {
        List<KpiChanged> changed = new ArrayList<>();
        return round(c, kpiIds, Map.of(), now, changed, new HashSet<>(), 0, null).replaceWith(changed);
    }

    /**
     * As {@link #recompute(SqlConnection, List, Instant)}, after measurements were added, corrected or withdrawn:
     * {@code observedFrom} holds for each KPI the earliest observation time they had. Where that lies before today,
     * the KPI's status history is judged again from that day on ({@link StatusTimeline}), so that values pushed late
     * leave the statuses they imply, stamped when they became true.
     */
    public Uni<List<KpiChanged>> recompute(SqlConnection c, Map<UUID, Instant> observedFrom, Instant now) {
        List<KpiChanged> changed = new ArrayList<>();
        return round(c, new ArrayList<>(observedFrom.keySet()), observedFrom, now, changed, new HashSet<>(), 0, null)
                .replaceWith(changed);
    }

    /**
     * After a definition changed (created, updated, archived) in this transaction: recomputes the KPI and the
     * formulas that read it, and records one event of {@code type} with the KPI's state that results, whether
     * or not its value moved (the definition did).
     */
    public Uni<KpiChanged> define(SqlConnection c, UUID kpiId, Instant now, String type) {
        List<KpiChanged> changed = new ArrayList<>();
        return round(c, List.of(kpiId), Map.of(), now, changed, new HashSet<>(), 0, type)
                .map(v -> changed.stream().filter(s -> s.id().equals(kpiId)).findFirst().orElseThrow());
    }

    private Uni<Void> round(SqlConnection c, List<UUID> kpiIds, Map<UUID, Instant> observedFrom, Instant now, List<KpiChanged> changed,
            Set<UUID> done, int depth, String definitionEvent) {
        List<UUID> todo = kpiIds.stream().filter(id -> !done.contains(id)).distinct().toList();
        if (todo.isEmpty() || depth > MAX_FORMULA_DEPTH) {
            return Uni.createFrom().voidItem();
        }
        done.addAll(todo);
        List<UUID> changedHere = new ArrayList<>();
        return c.preparedQuery(LOCK).execute(Tuple.of(todo.toArray(UUID[]::new))).chain(rows -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Row row : rows) {
                chain = chain.chain(() -> recomputeOne(c, row, observedFrom.get(row.getUUID("id")), now, definitionEvent).invoke(state -> {
                    if (state != null) {
                        changed.add(state);
                        changedHere.add(state.id());
                    }
                }).replaceWithVoid());
            }
            return chain;
        }).chain(() -> changedHere.isEmpty() ? Uni.createFrom().voidItem()
                : c.preparedQuery(DEPENDENTS).execute(Tuple.of(changedHere.toArray(UUID[]::new))).chain(dependents -> {
                    List<UUID> next = new ArrayList<>();
                    dependents.forEach(r -> next.add(r.getUUID("formula_kpi_id")));
                    return round(c, next, Map.of(), now, changed, done, depth + 1, null);
                }));
    }

    private Uni<KpiChanged> recomputeOne(SqlConnection c, Row k, Instant observedFrom, Instant now, String definitionEvent) {
        boolean formula = Kpi.SourceType.valueOf(k.getString("source_type")) == Kpi.SourceType.FORMULA;
        Uni<Computed> computed = formula ? formulaInputs(c, k) : measured(c, k);
        Instant replayFrom = formula ? null : replayFrom(target(k), observedFrom, now);
        return computed.chain(inputs -> apply(c, k, now, inputs, definitionEvent, replayFrom));
    }

    /**
     * From when a measured KPI's status history is judged again: the start of the day of the earliest observation
     * touched (not before its time frame), when that lies before today; null when the history only goes on now.
     */
    static Instant replayFrom(Target target, Instant observedFrom, Instant now) {
        if (observedFrom == null) {
            return null;
        }
        Instant from = observedFrom.truncatedTo(ChronoUnit.DAYS);
        Instant frameStart = target.start().atStartOfDay(ZoneOffset.UTC).toInstant();
        if (from.isBefore(frameStart)) {
            from = frameStart;
        }
        return from.isBefore(now.truncatedTo(ChronoUnit.DAYS)) ? from : null;
    }

    /**
     * Judges the KPI's status history again from {@code from} ({@link StatusTimeline}): the changes stamped from then
     * on are replaced by those its measurements imply. Answers the KPI's value at the last observation of each day from
     * then on, for the event ({@code history}).
     */
    private Uni<List<KpiChanged.Observed>> replayHistory(SqlConnection c, UUID id, Target target, boolean grouped, Instant from,
            Instant now) {
        Instant frameStart = target.start().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant frameEnd = target.end().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return c.preparedQuery("select status from kpi_status_change where kpi_id = $1 and changed_at < $2 "
                + "order by changed_at desc, id desc limit 1").execute(Tuple.of(id, offset(from)))
                .chain(previous -> MeasurementDays.perDimension(c, id, frameStart, from)
                        // judged on a worker thread: a time frame of days and dimension values is work the I/O thread must not do
                        .chain(before -> MeasurementDays.days(c, id, from, frameEnd).chain(days -> vertx.executeBlocking(() -> new Replayed(
                                StatusTimeline.replay(target, grouped, before, days, from, now, previous.rowCount() == 0 ? null
                                        : KpiStatus.valueOf(previous.iterator().next().getString("status"))),
                                StatusTimeline.values(target, before, days, now)), false))))
                .chain(replayed -> {
                    List<StatusTimeline.Change> changes = replayed.changes();
                    Uni<Void> deleted = c.preparedQuery("delete from kpi_status_change where kpi_id = $1 and changed_at >= $2")
                            .execute(Tuple.of(id, offset(from))).replaceWithVoid();
                    Uni<Void> written = changes.isEmpty() ? deleted : deleted.chain(() -> c.preparedQuery(
                            "insert into kpi_status_change (kpi_id, status, reason, value, changed_at) "
                                    + "select $1, s, r, v, t from unnest($2::text[], $3::text[], $4::float8[], $5::timestamptz[]) "
                                    + "with ordinality as x(s, r, v, t, n) order by n")
                            .execute(Tuple.of(id, changes.stream().map(ch -> ch.status().name()).toArray(String[]::new),
                                    changes.stream().map(StatusTimeline.Change::reason).toArray(String[]::new),
                                    changes.stream().map(StatusTimeline.Change::value).toArray(Double[]::new),
                                    changes.stream().map(ch -> offset(ch.at())).toArray(OffsetDateTime[]::new)))
                            .replaceWithVoid());
                    return written.replaceWith(replayed.values());
                });
    }

    /** A history judged again: its status changes, and the value at each day's last observation. */
    private record Replayed(List<StatusTimeline.Change> changes, List<KpiChanged.Observed> values) {
    }

    /** What a KPI's new state is computed from: its overall value and time, and per dimension (grouped KPIs). */
    private record Computed(Double value, Instant last, Map<String, Double> values, Map<String, Instant> lasts,
            String problem, Map<String, String> problems) {
    }

    private Uni<Computed> measured(SqlConnection c, Row k) {
        Aggregation aggregation = Aggregation.valueOf(k.getString("aggregation"));
        boolean grouped = k.getString("group_by") != null;
        return MeasurementDays.totals(c, k.getUUID("id"), k.getLocalDate("timeframe_start"),
                k.getLocalDate("timeframe_end").plusDays(1)).map(totals -> {
                    Map<String, Double> values = new TreeMap<>();
                    Map<String, Instant> lasts = new TreeMap<>();
                    if (grouped) {
                        totals.byDimension().forEach((dimension, tally) -> {
                            values.put(dimension, aggregation.of(tally));
                            lasts.put(dimension, tally.lastAt());
                        });
                    }
                    return new Computed(aggregation.of(totals.overall()), totals.overall().lastAt(), values, lasts, null, Map.of());
                });
    }

    /** A FORMULA KPI's value from its inputs' values: overall, and per dimension value that every input has. */
    private Uni<Computed> formulaInputs(SqlConnection c, Row k) {
        Formula formula = Formula.parse(k.getString("formula"));
        boolean grouped = k.getString("group_by") != null;
        return c.preparedQuery("select k.key, k.current_value, k.last_measured_at, d.dimension_value, d.current_value as dim_value, "
                + "d.last_measured_at as dim_last from kpi_formula_input f join kpi k on k.id = f.input_kpi_id "
                + "left join kpi_dimension_status d on d.kpi_id = k.id where f.formula_kpi_id = $1")
                // evaluated on a worker thread: an expression is bounded, but never on the I/O thread all requests share
                .execute(Tuple.of(k.getUUID("id"))).chain(rows -> vertx.executeBlocking(() -> {
                    Map<String, Double> overall = new HashMap<>();
                    Instant oldest = null;
                    Map<String, Map<String, Double>> byDimension = new TreeMap<>();
                    Map<String, Instant> dimensionOldest = new TreeMap<>();
                    for (Row r : rows) {
                        String key = r.getString("key");
                        if (r.getDouble("current_value") != null) {
                            overall.put(key, r.getDouble("current_value"));
                        }
                        Instant last = instant(r.getOffsetDateTime("last_measured_at"));
                        if (last != null && (oldest == null || last.isBefore(oldest))) {
                            oldest = last;
                        }
                        String dim = r.getString("dimension_value");
                        if (grouped && dim != null && r.getDouble("dim_value") != null) {
                            byDimension.computeIfAbsent(dim, x -> new HashMap<>()).put(key, r.getDouble("dim_value"));
                            Instant dl = instant(r.getOffsetDateTime("dim_last"));
                            dimensionOldest.merge(dim, dl, (a, b) -> a == null ? b : (b == null || a.isBefore(b) ? a : b));
                        }
                    }
                    Formula.Result result = formula.evaluate(overall);
                    Map<String, Double> values = new TreeMap<>();
                    Map<String, Instant> lasts = new TreeMap<>();
                    Map<String, String> problems = new TreeMap<>();
                    byDimension.forEach((dim, inputs) -> {
                        Formula.Result r = formula.evaluate(inputs);
                        values.put(dim, r.value());
                        lasts.put(dim, dimensionOldest.get(dim));
                        if (r.problem() != null) {
                            problems.put(dim, r.problem());
                        }
                    });
                    return new Computed(result.value(), oldest, values, lasts, result.problem(), problems);
                }, false));
    }

    private Uni<KpiChanged> apply(SqlConnection c, Row k, Instant now, Computed computed, String definitionEvent, Instant replayFrom) {
        UUID id = k.getUUID("id");
        Target target = target(k);
        boolean grouped = k.getString("group_by") != null;
        Map<String, Evaluation> byDimension = new TreeMap<>();
        computed.values().forEach((dim, v) -> byDimension.put(dim, computed.problems().containsKey(dim)
                ? new Evaluation(KpiStatus.NO_DATA, computed.problems().get(dim), null)
                : KpiStatusRules.evaluate(target, v, computed.lasts().get(dim), now)));
        Evaluation overall;
        if (grouped && !byDimension.isEmpty()) {
            overall = KpiStatusRules.overall(byDimension);
        } else if (computed.problem() != null) {
            overall = new Evaluation(KpiStatus.NO_DATA, computed.problem(), null);
        } else {
            overall = KpiStatusRules.evaluate(target, computed.value(), computed.last(), now);
        }
        Double value = computed.value();
        Instant last = computed.last();
        boolean moved = !Objects.equals(value, k.getDouble("current_value"))
                || !overall.status().name().equals(k.getString("status"))
                || !Objects.equals(overall.reason(), k.getString("status_reason"))
                || !Objects.equals(last, instant(k.getOffsetDateTime("last_measured_at")));
        Uni<Void> dims = grouped ? saveDimensions(c, id, byDimension, computed.values(), computed.lasts()) : Uni.createFrom().voidItem();
        // a past the history did not know: judged again from then, now included; what it was each day goes out with the event
        Uni<List<KpiChanged.Observed>> past = replayFrom == null ? dims.replaceWith(List.<KpiChanged.Observed>of())
                : dims.chain(() -> replayHistory(c, id, target, grouped, replayFrom, now));
        return past.chain(observed -> {
            // past days judged again are news too, even when today's value did not move: published with a new version
            boolean changed = moved || replayFrom != null;
            if (!changed && definitionEvent == null) {
                return Uni.createFrom().nullItem();
            }
            boolean statusChanged = !overall.status().name().equals(k.getString("status"));
            Uni<Long> stored = !changed ? Uni.createFrom().item(k.getLong("version"))
                    : c.preparedQuery("update kpi set current_value = $2, status = $3, status_reason = $4, "
                            + "last_measured_at = $5, version = version + 1, updated_at = $6 where id = $1 returning version")
                            .execute(Tuple.of(id, value, overall.status().name(), overall.reason(), offset(last), offset(now)))
                            .map(updated -> updated.iterator().next().getLong("version"));
            return stored.chain(version -> {
                Uni<Void> history = statusChanged && replayFrom == null
                        ? c.preparedQuery("insert into kpi_status_change (kpi_id, status, reason, value, changed_at) "
                                + "values ($1, $2, $3, $4, $5)")
                                .execute(Tuple.of(id, overall.status().name(), overall.reason(), value, offset(now)))
                                .replaceWithVoid()
                        : Uni.createFrom().voidItem();
                KpiChanged state = new KpiChanged(id, k.getUUID("organisation_id"), k.getString("key"), k.getString("name"),
                        k.getString("unit"), new KpiChanged.Target(target.operator().name(), target.value(),
                                target.upperValue(), target.baseline()),
                        value, overall.status().name(), KpiChanged.CREATED.equals(definitionEvent) ? null : k.getString("status"),
                        last, k.getOffsetDateTime("archived_at") != null, version, k.getString("period_every"),
                        target.start(), target.end(), target.aggregation().name(), replayFrom == null ? null : observed, replayFrom);
                String type = definitionEvent != null ? definitionEvent : KpiChanged.MEASURED;
                return history.chain(() -> outbox.record(c, Topics.KPIS, type, state.organisationId(), id, state))
                        .replaceWith(state);
            });
        });
    }

    /** The target of a KPI row that has its definition's columns (target, time frame, frequency, aggregation, band, unit). */
    public static Target target(Row k) {
        return new Target(Operator.valueOf(k.getString("target_operator")), k.getDouble("target_value"),
                k.getDouble("target_upper_value"), k.getDouble("baseline"), k.getLocalDate("timeframe_start"),
                k.getLocalDate("timeframe_end"), Frequency.valueOf(k.getString("frequency")),
                Aggregation.valueOf(k.getString("aggregation")), k.getDouble("at_risk_band"), k.getString("unit"));
    }

    /**
     * Stores the state of each dimension value the KPI's measurements have now, and forgets the values they no
     * longer have (the last measurement of a region withdrawn, or moved out of the time frame by a correction).
     */
    private static Uni<Void> saveDimensions(SqlConnection c, UUID id, Map<String, Evaluation> byDimension,
            Map<String, Double> values, Map<String, Instant> lasts) {
        List<String> dims = new ArrayList<>(byDimension.keySet());
        Uni<Void> forget = c.preparedQuery("delete from kpi_dimension_status where kpi_id = $1 and dimension_value <> all($2::text[])")
                .execute(Tuple.of(id, dims.toArray(String[]::new))).replaceWithVoid();
        if (dims.isEmpty()) {
            return forget;
        }
        return forget.chain(() -> c.preparedQuery("insert into kpi_dimension_status (kpi_id, dimension_value, current_value, status, status_reason, last_measured_at) "
                + "select $1, d, v, s, r, l from unnest($2::text[], $3::float8[], $4::text[], $5::text[], $6::timestamptz[]) as t(d, v, s, r, l) "
                + "on conflict (kpi_id, dimension_value) do update set current_value = excluded.current_value, status = excluded.status, "
                + "status_reason = excluded.status_reason, last_measured_at = excluded.last_measured_at")
                .execute(Tuple.of(id, dims.toArray(String[]::new),
                        dims.stream().map(values::get).toArray(Double[]::new),
                        dims.stream().map(d -> byDimension.get(d).status().name()).toArray(String[]::new),
                        dims.stream().map(d -> byDimension.get(d).reason()).toArray(String[]::new),
                        dims.stream().map(d -> offset(lasts.get(d))).toArray(OffsetDateTime[]::new)))
                .replaceWithVoid());
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime offset(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}

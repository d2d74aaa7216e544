package dev.okr.kpi.kpi;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.okr.contracts.events.KpiChanged;
import dev.okr.contracts.problem.Problem;
import dev.okr.kpi.formula.Formula;
import dev.okr.kpi.kpi.KpiApi.DataSource;
import dev.okr.kpi.kpi.KpiApi.DimensionStatus;
import dev.okr.kpi.kpi.KpiApi.KpiRequest;
import dev.okr.kpi.kpi.KpiApi.KpiView;
import dev.okr.kpi.kpi.KpiApi.StatusChange;
import dev.okr.kpi.kpi.KpiApi.TargetBody;
import dev.okr.kpi.kpi.KpiApi.Timeframe;
import dev.okr.kpi.status.Evaluation;
import dev.okr.kpi.status.KpiStateUpdater;
import dev.okr.kpi.status.KpiStatus;
import dev.okr.kpi.status.KpiStatusRules;
import dev.okr.kpi.status.Target;
import dev.okr.kpi.tally.MeasurementDays;
import dev.okr.platform.audit.Actor;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.Cursor;
import dev.okr.platform.web.ETags;
import dev.okr.platform.web.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * KPI definitions: create, read, list, change, archive. Every write goes one way: lock the row, change the
 * definition, recompute the value and status ({@link KpiStateUpdater#define}), record one event — in one
 * transaction on the SQL client, the same one ingestion uses. Reads map the row through the entity.
 */
@ApplicationScoped
public class KpiService {

    private static final UUID NONE = new UUID(0, 0);

    private final KpiRepository kpis;
    private final KpiStateUpdater states;
    private final Periods periods;
    private final Pool pool;
    private final KpiAudit audit;
    private final Clock clock;

    public KpiService(KpiRepository kpis, KpiStateUpdater states, Periods periods, Pool pool, KpiAudit audit, Clock clock) {
        this.kpis = kpis;
        this.states = states;
        this.periods = periods;
        this.pool = pool;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Defines a KPI: the row, its tags and formula inputs, its first value (a formula's, from its inputs) and
     * the {@code created} event carrying that state — one transaction. The owner defaults to the caller.
     */
    public Uni<Kpi> create(Caller who, KpiRequest request) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Actor actor = audit.actor();
        return pool.withTransaction(c -> requireFreeKey(c, who.organisationId(), request.key(), NONE)
                .chain(() -> {
                    Evaluation first = KpiStatusRules.evaluate(target(request, now), null, null, now);
                    return c.preparedQuery(INSERT).execute(definition(id, request, who.subject(), now)
                            .addUUID(who.organisationId()).addOffsetDateTime(offset(now))
                            .addString(first.status().name()).addString(first.reason()));
                })
                .chain(() -> saveTags(c, id, KpiDefinitions.tags(request.tags()), false))
                .chain(() -> saveFormulaInputs(c, who.organisationId(), id, request, false))
                .chain(() -> states.define(c, id, now, KpiChanged.CREATED))
                .chain(() -> audit.record(c, actor, who.organisationId(), id, "kpi.created", null, now)))
                .chain(() -> reread(id));
    }

    /**
     * Changes a KPI's definition: the row is locked, changed, its value and status recomputed from its
     * measurements (regrouped when its groupBy changed) and the formulas that read it after it, and one {@code updated} event records the state
     * that results — all in one transaction, so a recompute that fails leaves the definition as it was.
     * Only an admin or the KPI's owner may change it.
     */
    public Uni<Kpi> update(Caller who, String idOrKey, String ifMatch, KpiRequest request) {
        Instant now = clock.instant();
        Actor actor = audit.actor();
        JsonNode[] before = new JsonNode[1];
        // a recurring KPI whose period ended a moment ago keeps that period, as it was, before the change
        return pool.withTransaction(c -> lockForChange(c, who, idOrKey, ifMatch).call(k -> periods.roll(c, k.id(), now))
                .call(k -> audit.definition(c, k.id(), actor).invoke(d -> before[0] = d))
                .chain(k -> requireFreeKey(c, who.organisationId(), request.key(), k.id())
                .chain(() -> c.preparedQuery(UPDATE).execute(definition(k.id(), request, k.owner(), now)))
                .chain(() -> Objects.equals(k.groupBy(), blankToNull(request.groupBy())) ? Uni.createFrom().voidItem()
                        : MeasurementDays.regroup(c, k.id(), blankToNull(request.groupBy())))
                .chain(() -> saveTags(c, k.id(), KpiDefinitions.tags(request.tags()), true))
                .chain(() -> saveFormulaInputs(c, who.organisationId(), k.id(), request, true))
                .chain(() -> states.define(c, k.id(), now, KpiChanged.UPDATED))
                .chain(() -> audit.record(c, actor, who.organisationId(), k.id(), "kpi.updated", before[0], now))
                .replaceWith(k.id())))
                .chain(this::reread);
    }

    /** Archives a KPI (an admin or its owner): it stops taking measurements; the {@code archived} event says so. */
    public Uni<Void> archive(Caller who, String idOrKey, String ifMatch) {
        Instant now = clock.instant();
        Actor actor = audit.actor();
        return pool.withTransaction(c -> lockForChange(c, who, idOrKey, ifMatch).chain(k -> k.archived()
                ? Uni.createFrom().voidItem()
                : audit.definition(c, k.id(), actor).chain(before -> c.preparedQuery("update kpi set archived_at = $2, updated_at = $2, "
                        + "version = version + 1, revision = revision + 1 where id = $1")
                        .execute(Tuple.of(k.id(), offset(now)))
                        .chain(() -> states.define(c, k.id(), now, KpiChanged.ARCHIVED))
                        .chain(() -> audit.record(c, actor, who.organisationId(), k.id(), "kpi.archived", before, now)))));
    }

    /** What a change needs to know of the KPI it locks. */
    private record Locked(UUID id, String key, String owner, boolean archived, String groupBy) {
    }

    private Uni<Locked> lockForChange(SqlConnection c, Caller who, String idOrKey, String ifMatch) {
        UUID id = KpiRepository.idOf(idOrKey);
        return c.preparedQuery("select id, key, owner_id, revision, archived_at, group_by from kpi where organisation_id = $1 and "
                + (id != null ? "id = $2" : "key = $2") + " for no key update")
                .execute(Tuple.of(who.organisationId(), id != null ? id : idOrKey)).map(rows -> {
                    if (rows.size() == 0) {
                        throw notFound(idOrKey);
                    }
                    Row r = rows.iterator().next();
                    ETags.require(ifMatch, r.getLong("revision"));
                    Locked k = new Locked(r.getUUID("id"), r.getString("key"), r.getString("owner_id"),
                            r.getValue("archived_at") != null, r.getString("group_by"));
                    if (!who.isAdmin() && !who.subject().equals(k.owner())) {
                        throw ProblemException.forbidden("Only an admin or the KPI's owner (" + (k.owner() == null ? "none" : k.owner())
                                + ") may change or archive KPI " + k.key() + ".");
                    }
                    return k;
                });
    }

    private static final String INSERT = "insert into kpi (id, key, name, description, unit, target_operator, target_value, "
            + "target_upper_value, baseline, timeframe_start, timeframe_end, source_type, source_system, formula, frequency, "
            + "aggregation, group_by, at_risk_band, owner_id, updated_at, period_every, period_anchor, organisation_id, created_at, "
            + "status, status_reason, version) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, "
            + "$18, $19, $20, $21, $22, $23, $24, $25, $26, 0)";
    private static final String UPDATE = "update kpi set key = $2, name = $3, description = $4, unit = $5, target_operator = $6, "
            + "target_value = $7, target_upper_value = $8, baseline = $9, timeframe_start = $10, timeframe_end = $11, "
            + "source_type = $12, source_system = $13, formula = $14, frequency = $15, aggregation = $16, group_by = $17, "
            + "at_risk_band = $18, owner_id = $19, updated_at = $20, period_every = $21, period_anchor = $22, version = version + 1, "
            + "revision = revision + 1 where id = $1";

    /** The definition's columns ($1–$22 of {@link #INSERT} and {@link #UPDATE}), with their defaults. */
    private static Tuple definition(UUID id, KpiRequest r, String defaultOwner, Instant now) {
        Timeframe timeframe = r.timeframeOn(LocalDate.ofInstant(now, ZoneOffset.UTC));
        return Tuple.tuple(Arrays.asList(id, r.key(), r.name().strip(), blankToNull(r.description()), unit(r),
                r.target().operator().name(), r.target().resolvedValue(aggregation(r)), r.target().upperValue(), r.target().baseline(),
                timeframe.start(), timeframe.end(), r.dataSource().type().name(), blankToNull(r.dataSource().system()),
                r.dataSource().type() == Kpi.SourceType.FORMULA ? r.dataSource().formula().strip() : null, r.frequency().name(),
                aggregation(r).name(), blankToNull(r.groupBy()), atRiskBand(r),
                r.owner() == null ? defaultOwner : r.owner().id().strip(), offset(now),
                r.period() == null ? null : r.period().every().name(), r.period() == null ? null : r.period().anchor()));
    }

    private static Target target(KpiRequest r, Instant now) {
        Timeframe timeframe = r.timeframeOn(LocalDate.ofInstant(now, ZoneOffset.UTC));
        return new Target(r.target().operator(), r.target().resolvedValue(aggregation(r)), r.target().upperValue(), r.target().baseline(),
                timeframe.start(), timeframe.end(), r.frequency(), aggregation(r), atRiskBand(r), unit(r));
    }

    /** The defaults of a definition: unit "number", aggregation LAST, an at-risk band of 10 %. */
    private static String unit(KpiRequest r) {
        return r.unit() == null || r.unit().isBlank() ? "number" : r.unit().strip();
    }

    private static Aggregation aggregation(KpiRequest r) {
        return r.aggregation() == null ? Aggregation.LAST : r.aggregation();
    }

    private static double atRiskBand(KpiRequest r) {
        return r.atRiskBand() == null ? 0.10 : r.atRiskBand();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The KPI as stored after a write, read in a session of its own (never one that saw it before). */
    private Uni<Kpi> reread(UUID id) {
        return Panache.withSession(() -> kpis.findById(id));
    }

    /**
     * For a FORMULA KPI: records the KPIs it reads, which must exist in the organisation, and must not come
     * back to it (a formula cannot depend on itself, directly or through other formulas).
     */
    private Uni<Void> saveFormulaInputs(SqlConnection c, UUID organisationId, UUID id, KpiRequest r, boolean replace) {
        Uni<Void> cleared = replace
                ? c.preparedQuery("delete from kpi_formula_input where formula_kpi_id = $1").execute(Tuple.of(id)).replaceWithVoid()
                : Uni.createFrom().voidItem();
        if (r.dataSource().type() != Kpi.SourceType.FORMULA) {
            return cleared;
        }
        var keys = Formula.parse(r.dataSource().formula()).inputKeys();
        if (keys.contains(r.key())) {
            throw ProblemException.invalid("dataSource.formula", "a KPI cannot be computed from itself");
        }
        return cleared.chain(() -> c.preparedQuery("select id, key from kpi where organisation_id = $1 and key = any($2) "
                + "and archived_at is null").execute(Tuple.of(organisationId, keys.toArray(String[]::new))))
                .chain(inputs -> {
                    Set<String> found = new HashSet<>();
                    List<UUID> ids = new ArrayList<>();
                    inputs.forEach(i -> {
                        found.add(i.getString("key"));
                        ids.add(i.getUUID("id"));
                    });
                    for (String key : keys) {
                        if (!found.contains(key)) {
                            throw ProblemException.invalid("dataSource.formula", "no KPI '" + key + "' in your organisation "
                                    + "(write a key's dashes as underscores)");
                        }
                    }
                    UUID[] inputIds = ids.toArray(UUID[]::new);
                    return c.preparedQuery("with recursive deps(id) as (select input_kpi_id from kpi_formula_input "
                            + "where formula_kpi_id = any($1) union select f.input_kpi_id from kpi_formula_input f "
                            + "join deps d on f.formula_kpi_id = d.id) select count(*) as loops from deps where id = $2")
                            .execute(Tuple.of(inputIds, id))
                            .chain(loops -> {
                                if (loops.iterator().next().getLong("loops") > 0) {
                                    throw ProblemException.invalid("dataSource.formula", "one of its inputs is itself computed from "
                                            + r.key() + ": formulas cannot go round in a circle");
                                }
                                return c.preparedQuery("insert into kpi_formula_input (formula_kpi_id, input_kpi_id) "
                                        + "select $1, unnest($2::uuid[])").execute(Tuple.of(id, inputIds));
                            });
                }).replaceWithVoid();
    }

    @WithSession
    public Uni<Kpi> get(UUID organisationId, String idOrKey) {
        return find(organisationId, idOrKey);
    }

    @WithSession
    public Uni<Page<KpiView>> list(UUID organisationId, KpiRepository.Filter filter, Cursor after, int limit) {
        return kpis.page(organisationId, filter, after, limit + 1).chain(rows -> {
            List<Kpi> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
            return views(shown).map(views -> {
                Map<UUID, KpiView> byId = new HashMap<>();
                views.forEach(v -> byId.put(v.id(), v));
                return Page.of(rows, limit, k -> new Cursor(k.createdAt, k.id), k -> byId.get(k.id));
            });
        });
    }

    /** The KPI's periods, newest first: its current one, then those of a recurring KPI that ended. */
    public Uni<List<KpiApi.PeriodResult>> periods(UUID organisationId, String idOrKey) {
        return get(organisationId, idOrKey).chain(this::view).chain(v -> pool.withConnection(c -> periods.of(c, v)));
    }

    @WithSession
    public Uni<KpiView> view(Kpi k) {
        return views(List.of(k)).map(v -> v.get(0));
    }

    @WithSession
    public Uni<Page<StatusChange>> statusHistory(UUID organisationId, String idOrKey, int limit, Long before) {
        return find(organisationId, idOrKey).chain(k -> Panache.getSession().chain(s -> s.createNativeQuery(
                "select id, status, reason, value, changed_at from kpi_status_change where kpi_id = :kpi and id < :before "
                        + "order by id desc limit :limit", Object[].class)
                .setParameter("kpi", k.id).setParameter("before", before == null ? Long.MAX_VALUE : before)
                .setParameter("limit", limit + 1).getResultList()))
                .map(rows -> {
                    boolean more = rows.size() > limit;
                    List<Object[]> shown = more ? rows.subList(0, limit) : rows;
                    List<StatusChange> items = shown.stream().map(r -> new StatusChange(KpiStatus.valueOf((String) r[1]),
                            (String) r[2], (Double) r[3], toInstant(r[4]))).toList();
                    return new Page<>(items, more ? String.valueOf(((Number) shown.get(shown.size() - 1)[0]).longValue()) : null);
                });
    }

    private Uni<List<KpiView>> views(List<Kpi> list) {
        if (list.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<UUID> ids = list.stream().map(k -> k.id).toList();
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "select kpi_id, tag from kpi_tag where kpi_id in (:ids) order by tag", Object[].class)
                .setParameter("ids", ids).getResultList()
                .chain(tagRows -> s.createNativeQuery("select kpi_id, dimension_value, current_value, status, status_reason, "
                        + "last_measured_at from kpi_dimension_status where kpi_id in (:ids) order by dimension_value", Object[].class)
                        .setParameter("ids", ids).getResultList()
                        .map(dimRows -> {
                            Map<UUID, List<String>> tags = new HashMap<>();
                            tagRows.forEach(r -> tags.computeIfAbsent((UUID) r[0], x -> new ArrayList<>()).add((String) r[1]));
                            Map<UUID, List<DimensionStatus>> dims = new HashMap<>();
                            dimRows.forEach(r -> dims.computeIfAbsent((UUID) r[0], x -> new ArrayList<>()).add(new DimensionStatus(
                                    (String) r[1], (Double) r[2], KpiStatus.valueOf((String) r[3]), (String) r[4], toInstant(r[5]))));
                            return list.stream().map(k -> view(k, tags.getOrDefault(k.id, List.of()),
                                    k.groupBy == null ? null : dims.getOrDefault(k.id, List.of()))).toList();
                        })));
    }

    /**
     * The KPI as users see it now: the status is judged again from the stored value and the time of the
     * newest measurement, so a KPI whose integration went quiet shows NO_DATA without waiting for a write.
     */
    KpiView view(Kpi k, List<String> tags, List<DimensionStatus> stored) {
        Instant now = clock.instant();
        Map<String, Evaluation> judged = new TreeMap<>();
        List<DimensionStatus> dimensions = stored == null ? null : stored.stream().map(d -> {
            var e = KpiStatusRules.evaluate(k.target(), d.currentValue(), d.lastMeasuredAt(), now);
            judged.putIfAbsent(d.value(), e);
            return new DimensionStatus(d.value(), d.currentValue(), e.status(), e.reason(), d.lastMeasuredAt());
        }).toList();
        var evaluation = k.sourceType == Kpi.SourceType.FORMULA && k.currentValue == null && dimensions == null
                // a formula without a value says why (an input without value, a division by zero): keep that
                ? new Evaluation(k.status, k.statusReason, null)
                : dimensions != null && !dimensions.isEmpty()
                ? KpiStatusRules.overall(judged)
                : KpiStatusRules.evaluate(k.target(), k.currentValue, k.lastMeasuredAt, now);
        return new KpiView(k.id, k.key, k.name, k.description, k.unit,
                KpiApi.TargetView.of(k.targetOperator, k.targetValue, k.targetUpperValue, k.baseline),
                new Timeframe(k.timeframeStart, k.timeframeEnd),
                k.periodEvery == null ? null : new KpiApi.PeriodView(k.periodEvery, k.periodAnchor),
                new KpiApi.DataSourceView(k.sourceType, k.sourceSystem, k.formula), k.frequency, k.aggregation, k.groupBy, k.atRiskBand,
                k.ownerId == null ? null : KpiApi.Owner.person(k.ownerId), tags, k.currentValue, evaluation.status(), evaluation.reason(), dimensions, k.lastMeasuredAt, k.archivedAt != null,
                k.revision, k.createdAt, k.updatedAt, KpiDefinitions.warnings(k.target()));
    }

    private Uni<Kpi> find(UUID organisationId, String idOrKey) {
        return kpis.findByIdOrKey(organisationId, idOrKey).onItem().ifNull().failWith(() -> notFound(idOrKey));
    }

    private static ProblemException notFound(String idOrKey) {
        return new ProblemException(404, "not-found", "Not found", "No KPI with id or key '" + idOrKey + "' exists.", null);
    }

    private static Uni<Void> requireFreeKey(SqlConnection c, UUID organisationId, String key, UUID exceptId) {
        return c.preparedQuery("select 1 from kpi where organisation_id = $1 and key = $2 and id <> $3")
                .execute(Tuple.of(organisationId, key, exceptId)).invoke(rows -> {
                    if (rows.size() > 0) {
                        throw new ProblemException(409, "conflict", "Conflict", "A KPI with the key '" + key + "' already exists.",
                                List.of(new Problem.FieldError("key", "already used by another KPI")));
                    }
                }).replaceWithVoid();
    }

    private static Uni<Void> saveTags(SqlConnection c, UUID kpiId, List<String> tags, boolean replace) {
        Uni<Void> cleared = replace
                ? c.preparedQuery("delete from kpi_tag where kpi_id = $1").execute(Tuple.of(kpiId)).replaceWithVoid()
                : Uni.createFrom().voidItem();
        if (tags.isEmpty()) {
            return cleared;
        }
        return cleared.chain(() -> c.preparedQuery("insert into kpi_tag (kpi_id, tag) select $1, unnest($2::text[])")
                .execute(Tuple.of(kpiId, tags.toArray(String[]::new)))).replaceWithVoid();
    }

    private static OffsetDateTime offset(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    private static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}

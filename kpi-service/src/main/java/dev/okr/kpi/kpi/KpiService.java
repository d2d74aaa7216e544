package dev.okr.kpi.kpi;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.kpi.formula.Formula;
import dev.okr.kpi.kpi.KpiApi.DataSource;
import dev.okr.kpi.kpi.KpiApi.DimensionStatus;
import dev.okr.kpi.kpi.KpiApi.KpiRequest;
import dev.okr.kpi.kpi.KpiApi.KpiView;
import dev.okr.kpi.kpi.KpiApi.StatusChange;
import dev.okr.kpi.kpi.KpiApi.TargetBody;
import dev.okr.kpi.kpi.KpiApi.Timeframe;
import dev.okr.kpi.status.KpiEvents;
import dev.okr.kpi.status.KpiStatus;
import dev.okr.kpi.status.KpiStatusRules;
import dev.okr.kpi.status.KpiStateUpdater;
import dev.okr.platform.events.Topics;
import dev.okr.platform.events.contracts.KpiState;
import dev.okr.platform.outbox.Outbox;
import dev.okr.platform.problem.Problem;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.Cursor;
import dev.okr.platform.web.ETags;
import dev.okr.platform.web.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** KPI definitions: create, read, list, change, archive; each change published through the outbox. */
@ApplicationScoped
public class KpiService {

    private static final UUID NONE = new UUID(0, 0);

    private final KpiRepository kpis;
    private final Outbox outbox;
    private final KpiStateUpdater states;
    private final Pool pool;
    private final Clock clock;

    public KpiService(KpiRepository kpis, Outbox outbox, KpiStateUpdater states, Pool pool, Clock clock) {
        this.kpis = kpis;
        this.outbox = outbox;
        this.states = states;
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<Kpi> create(UUID organisationId, KpiRequest request) {
        KpiDefinitions.check(request);
        return Panache.withTransaction(() -> createDefinition(organisationId, request))
                .chain(k -> k.sourceType == Kpi.SourceType.FORMULA ? recomputed(k.id) : Uni.createFrom().item(k));
    }

    private Uni<Kpi> createDefinition(UUID organisationId, KpiRequest request) {
        return requireFreeKey(organisationId, request.key(), NONE).chain(() -> {
            Instant now = clock.instant();
            Kpi k = new Kpi();
            k.id = UUID.randomUUID();
            k.organisationId = organisationId;
            k.createdAt = now;
            apply(k, request, now);
            var evaluation = KpiStatusRules.evaluate(k.target(), null, null, now);
            k.status = evaluation.status();
            k.statusReason = evaluation.reason();
            return kpis.persist(k)
                    .call(() -> saveTags(k.id, KpiDefinitions.tags(request.tags()), false))
                    .call(() -> saveFormulaInputs(k, false))
                    .call(() -> Panache.getSession().chain(s -> s.flush()))
                    .call(() -> publish(KpiEvents.CREATED, k));
        });
    }

    /** Changes a KPI's definition; its value and status are recomputed from its measurements right after. */
    public Uni<Kpi> update(UUID organisationId, String idOrKey, String ifMatch, KpiRequest request) {
        KpiDefinitions.check(request);
        return Panache.withTransaction(() -> find(organisationId, idOrKey).chain(k -> {
            ETags.require(ifMatch, k.version);
            requireActive(k);
            return requireFreeKey(organisationId, request.key(), k.id).chain(() -> {
                apply(k, request, clock.instant());
                return saveTags(k.id, KpiDefinitions.tags(request.tags()), true)
                        .call(() -> saveFormulaInputs(k, true))
                        .call(() -> Panache.getSession().chain(s -> s.flush()))
                        .call(() -> publish(KpiEvents.UPDATED, k))
                        .replaceWith(k.id);
            });
        })).chain(this::recomputed);
    }

    /** Recomputes a KPI (and the formulas that read it) from its measurements or inputs, then reads it again. */
    private Uni<Kpi> recomputed(UUID id) {
        // the request's session may still hold the entity as it was before the recompute: read it again
        return pool.withTransaction(c -> states.recompute(c, List.of(id), clock.instant()))
                .chain(() -> Panache.withSession(() -> kpis.findById(id).call(k -> Panache.getSession().chain(s -> s.refresh(k)))));
    }

    /**
     * For a FORMULA KPI: records the KPIs it reads, which must exist in the organisation, and must not come
     * back to it (a formula cannot depend on itself, directly or through other formulas).
     */
    private Uni<Void> saveFormulaInputs(Kpi k, boolean replace) {
        Uni<Void> cleared = replace
                ? Panache.getSession().chain(s -> s.createNativeQuery("delete from kpi_formula_input where formula_kpi_id = :id")
                        .setParameter("id", k.id).executeUpdate()).replaceWithVoid()
                : Uni.createFrom().voidItem();
        if (k.sourceType != Kpi.SourceType.FORMULA) {
            return cleared;
        }
        var keys = Formula.parse(k.formula).inputKeys();
        if (keys.contains(k.key)) {
            throw ProblemException.invalid("dataSource.formula", "a KPI cannot be computed from itself");
        }
        return cleared.chain(() -> kpis.list("organisationId = ?1 and key in ?2 and archivedAt is null", k.organisationId, keys))
                .chain(inputs -> {
                    var found = inputs.stream().map(i -> i.key).collect(java.util.stream.Collectors.toSet());
                    for (String key : keys) {
                        if (!found.contains(key)) {
                            throw ProblemException.invalid("dataSource.formula", "no KPI '" + key + "' in your organisation "
                                    + "(write a key's dashes as underscores)");
                        }
                    }
                    List<UUID> ids = inputs.stream().map(i -> i.id).toList();
                    return Panache.getSession().chain(s -> s.createNativeQuery("with recursive deps(id) as ("
                            + "select input_kpi_id from kpi_formula_input where formula_kpi_id in (:ids) "
                            + "union select f.input_kpi_id from kpi_formula_input f join deps d on f.formula_kpi_id = d.id) "
                            + "select count(*) from deps where id = :self", Long.class)
                            .setParameter("ids", ids).setParameter("self", k.id).getSingleResult())
                            .chain(loops -> {
                                if (loops > 0) {
                                    throw ProblemException.invalid("dataSource.formula",
                                            "one of its inputs is itself computed from " + k.key + ": formulas cannot go round in a circle");
                                }
                                return Panache.getSession().chain(s -> s.createNativeQuery("insert into kpi_formula_input "
                                        + "(formula_kpi_id, input_kpi_id) select :id, unnest(cast(:inputs as uuid[]))")
                                        .setParameter("id", k.id).setParameter("inputs", ids.toArray(UUID[]::new)).executeUpdate());
                            });
                }).replaceWithVoid();
    }

    @WithTransaction
    public Uni<Void> archive(UUID organisationId, String idOrKey, String ifMatch) {
        return find(organisationId, idOrKey).chain(k -> {
            ETags.require(ifMatch, k.version);
            if (k.archivedAt != null) {
                return Uni.createFrom().voidItem();
            }
            k.archivedAt = clock.instant();
            k.updatedAt = k.archivedAt;
            return Panache.getSession().chain(s -> s.flush()).chain(() -> publish(KpiEvents.ARCHIVED, k)).replaceWithVoid();
        });
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
        List<DimensionStatus> dimensions = stored == null ? null : stored.stream().map(d -> {
            var e = KpiStatusRules.evaluate(k.target(), d.currentValue(), d.lastMeasuredAt(), now);
            return new DimensionStatus(d.value(), d.currentValue(), e.status(), e.reason(), d.lastMeasuredAt());
        }).toList();
        var evaluation = k.sourceType == Kpi.SourceType.FORMULA && k.currentValue == null && dimensions == null
                // a formula without a value says why (an input without value, a division by zero): keep that
                ? new dev.okr.kpi.status.Evaluation(k.status, k.statusReason, null)
                : dimensions != null && !dimensions.isEmpty()
                ? KpiStatusRules.overall(dimensions.stream().collect(java.util.stream.Collectors.toMap(DimensionStatus::value,
                        d -> new dev.okr.kpi.status.Evaluation(d.status(), d.statusReason(), null), (a, b) -> a, java.util.TreeMap::new)))
                : KpiStatusRules.evaluate(k.target(), k.currentValue, k.lastMeasuredAt, now);
        return new KpiView(k.id, k.key, k.name, k.description, k.unit,
                new TargetBody(k.targetOperator, k.targetValue, k.targetUpperValue, k.baseline),
                new Timeframe(k.timeframeStart, k.timeframeEnd),
                new DataSource(k.sourceType, k.sourceSystem, k.formula), k.frequency, k.aggregation, k.groupBy, k.atRiskBand,
                k.ownerId, tags, k.currentValue, evaluation.status(), evaluation.reason(), dimensions, k.lastMeasuredAt, k.archivedAt != null,
                k.version, k.createdAt, k.updatedAt);
    }

    private Uni<Kpi> find(UUID organisationId, String idOrKey) {
        return kpis.findByIdOrKey(organisationId, idOrKey)
                .onItem().ifNull().failWith(() -> new ProblemException(404, "not-found", "Not found",
                        "No KPI with id or key '" + idOrKey + "' exists.", null));
    }

    private static void requireActive(Kpi k) {
        if (k.archivedAt != null) {
            throw ProblemException.conflict("KPI " + k.key + " is archived: it no longer changes.");
        }
    }

    private static void apply(Kpi k, KpiRequest r, Instant now) {
        k.key = r.key();
        k.name = r.name().strip();
        k.description = r.description() == null || r.description().isBlank() ? null : r.description().strip();
        k.unit = r.unit() == null || r.unit().isBlank() ? "number" : r.unit().strip();
        k.targetOperator = r.target().operator();
        k.targetValue = r.target().value();
        k.targetUpperValue = r.target().upperValue();
        k.baseline = r.target().baseline();
        k.timeframeStart = r.timeframe().start();
        k.timeframeEnd = r.timeframe().end();
        k.sourceType = r.dataSource().type();
        k.sourceSystem = r.dataSource().system() == null ? null : r.dataSource().system().strip();
        k.formula = r.dataSource().formula();
        k.frequency = r.frequency();
        k.aggregation = r.aggregation() == null ? Aggregation.LAST : r.aggregation();
        k.groupBy = r.groupBy() == null || r.groupBy().isBlank() ? null : r.groupBy().strip();
        k.atRiskBand = r.atRiskBand() == null ? 0.10 : r.atRiskBand();
        k.ownerId = r.owner() == null || r.owner().isBlank() ? null : r.owner().strip();
        k.updatedAt = now;
    }

    private Uni<Void> requireFreeKey(UUID organisationId, String key, UUID exceptId) {
        return kpis.keyTaken(organisationId, key, exceptId).invoke(taken -> {
            if (taken) {
                throw new ProblemException(409, "conflict", "Conflict", "A KPI with the key '" + key + "' already exists.",
                        List.of(new Problem.FieldError("key", "already used by another KPI")));
            }
        }).replaceWithVoid();
    }

    private Uni<Void> saveTags(UUID kpiId, List<String> tags, boolean replace) {
        Uni<Void> cleared = replace
                ? Panache.getSession().chain(s -> s.createNativeQuery("delete from kpi_tag where kpi_id = :id")
                        .setParameter("id", kpiId).executeUpdate()).replaceWithVoid()
                : Uni.createFrom().voidItem();
        if (tags.isEmpty()) {
            return cleared;
        }
        return cleared.chain(() -> Panache.getSession().chain(s -> s.persistAll(tags.stream().map(t -> KpiTag.of(kpiId, t)).toArray())));
    }

    private Uni<Void> publish(String type, Kpi k) {
        KpiState state = new KpiState(k.id, k.organisationId, k.key, k.name, k.unit,
                new KpiState.Target(k.targetOperator.name(), k.targetValue, k.targetUpperValue, k.baseline),
                k.currentValue, k.status.name(), k.lastMeasuredAt, k.archivedAt != null, k.version);
        return outbox.record(Topics.KPIS, type, k.organisationId, k.id, state).replaceWithVoid();
    }

    private static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.toInstant(java.time.ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}

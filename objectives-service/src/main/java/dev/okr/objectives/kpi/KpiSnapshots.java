package dev.okr.objectives.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.contracts.events.KpiChanged;
import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.keyresult.KpiLinks;
import dev.okr.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/**
 * The KPI read model: kept from okr.kpis.v1, out-of-order safe by version, and used to link key results
 * to KPIs (the KPI must exist in the caller's organisation; start and target default from it).
 */
@ApplicationScoped
public class KpiSnapshots implements PanacheRepositoryBase<KpiSnapshot, UUID>, KpiLinks {

    private static final String VALUE_AT = "select value from kpi_value where kpi_id = :kpi and observed_at <= :at "
            + "order by observed_at desc limit 1";
    private static final String RECORD_VALUE = "insert into kpi_value (kpi_id, observed_at, value) values (:kpi, :at, :value) "
            + "on conflict (kpi_id, observed_at) do update set value = excluded.value";

    /**
     * Links a KPI_LINKED key result to its KPI: checks the KPI, takes the KPI's operator as the direction,
     * defaults {@code target} to the KPI's target and {@code start} to the KPI's value when the cycle
     * started (else its baseline, else 0), and sets {@code current} to the KPI's value now. A recurring KPI that adds up
     * starts from its period's baseline (0), and its value counts only when its current period overlaps the cycle.
     */
    @Override
    public Uni<Void> link(UUID organisationId, LocalDate cycleStart, LocalDate cycleEnd, KeyResult kr, String field) {
        return findById(kr.kpiId)
                .onItem().ifNull().failWith(() -> unknown(field, kr.kpiId))
                .invoke(k -> {
                    if (!k.organisationId.equals(organisationId) || k.archived) {
                        throw unknown(field, kr.kpiId);
                    }
                })
                .chain(k -> {
                    kr.direction = "BETWEEN".equals(k.operator) ? null : k.operator;
                    kr.currentValue = k.currentValue;
                    kr.kpiName = k.name;
                    kr.kpiStaleSince = k.staleSince();
                    if (kr.targetValue == null) {
                        kr.targetValue = k.targetValue;
                    }
                    if (kr.unit == null) {
                        kr.unit = k.unit;
                    }
                    if (kr.startValue != null) {
                        return Uni.createFrom().voidItem();
                    }
                    if (k.restartsEachPeriod()) {
                        // a period that adds up starts from its baseline, not from where the last one ended; another
                        // period's total is not this cycle's
                        kr.startValue = k.baseline != null ? k.baseline : 0.0;
                        if (!k.concerns(cycleStart, cycleEnd)) {
                            kr.currentValue = kr.startValue;
                        }
                        return Uni.createFrom().voidItem();
                    }
                    return valueAt(kr.kpiId, cycleStart.atStartOfDay(ZoneOffset.UTC).toInstant())
                            .invoke(v -> kr.startValue = v != null ? v : (k.baseline != null ? k.baseline : 0.0))
                            .replaceWithVoid();
                });
    }

    @Override
    public Uni<Void> carry(UUID organisationId, LocalDate cycleStart, LocalDate cycleEnd, KeyResult copy) {
        return findById(copy.kpiId).chain(k -> {
            if (k == null || k.periodEvery == null || k.archived || !k.organisationId.equals(organisationId)) {
                return Uni.createFrom().voidItem();
            }
            copy.startValue = null;
            copy.targetValue = null;
            return link(organisationId, cycleStart, cycleEnd, copy, "keyResults");
        });
    }

    /** Applies a KPI's new state; answers the snapshot when it was newer than what is held, else null. */
    public Uni<KpiSnapshot> apply(KpiChanged state, Instant at) {
        return findById(state.id()).chain(existing -> {
            if (existing != null && existing.version >= state.version()) {
                return Uni.createFrom().nullItem();
            }
            KpiSnapshot s = existing != null ? existing : new KpiSnapshot();
            s.kpiId = state.id();
            s.organisationId = state.organisationId();
            s.key = state.key();
            s.name = state.name();
            s.periodEvery = state.periodEvery();
            s.periodStart = state.periodStart();
            s.periodEnd = state.periodEnd();
            s.aggregation = state.aggregation();
            s.unit = state.unit();
            s.operator = state.target() == null ? "AT_LEAST" : state.target().operator();
            s.targetValue = state.target() == null ? 0 : state.target().value();
            s.baseline = state.target() == null ? null : state.target().baseline();
            s.currentValue = state.currentValue();
            s.lastMeasuredAt = state.lastMeasuredAt();
            s.status = state.status();
            s.archived = state.archived();
            s.version = state.version();
            s.updatedAt = at;
            Uni<KpiSnapshot> saved = existing != null ? Uni.createFrom().item(s) : persist(s);
            if (state.currentValue() == null || state.lastMeasuredAt() == null) {
                return saved;
            }
            return saved.call(() -> Panache.getSession().chain(session -> session.createNativeQuery(RECORD_VALUE)
                    .setParameter("kpi", state.id()).setParameter("at", state.lastMeasuredAt())
                    .setParameter("value", state.currentValue()).executeUpdate()));
        });
    }

    private Uni<Double> valueAt(UUID kpiId, Instant at) {
        return Panache.getSession().chain(session -> session.createNativeQuery(VALUE_AT, Double.class)
                .setParameter("kpi", kpiId).setParameter("at", at).getSingleResultOrNull());
    }

    private static ProblemException unknown(String field, UUID kpiId) {
        return ProblemException.invalid(field + ".kpiId", "no KPI " + kpiId + " in your organisation "
                + "(a KPI created a moment ago is known here within a second or so: try again then)");
    }
}

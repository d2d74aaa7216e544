package dev.okr.kpi.series;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.kpi.kpi.Kpi;
import dev.okr.kpi.kpi.KpiApi.DimensionStatus;
import dev.okr.kpi.kpi.KpiApi.KpiView;
import dev.okr.kpi.kpi.KpiService;
import dev.okr.kpi.kpi.PastViews;
import dev.okr.kpi.status.Evaluation;
import dev.okr.kpi.status.KpiStatusRules;
import dev.okr.kpi.tally.MeasurementDays;
import dev.okr.kpi.tally.Tally;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.QueryParams;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * A KPI as it stood at a moment: its value from the measurements observed in its time frame before then (a FORMULA's
 * from its inputs'), and its status judged then, per dimension value for a grouped KPI. Measurements count as they are
 * now (corrected, withdrawn). Its definition is as it is now; a moment before its current time frame (an earlier period
 * of a recurring KPI) is answered by {@code GET …/periods}.
 */
@ApplicationScoped
public class KpiAsOf implements PastViews {

    private final KpiService kpis;
    private final Pool pool;
    private final Vertx vertx;
    private final Clock clock;

    public KpiAsOf(KpiService kpis, Pool pool, Vertx vertx, Clock clock) {
        this.kpis = kpis;
        this.pool = pool;
        this.vertx = vertx;
        this.clock = clock;
    }

    @Override
    public Uni<KpiView> asOf(UUID organisationId, String idOrKey, String asOfText) {
        Instant now = clock.instant();
        Instant asOf = QueryParams.past("asOf", asOfText, now);
        return kpis.get(organisationId, idOrKey).chain(k -> {
            Instant start = k.timeframeStart.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant end = k.timeframeEnd.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (asOf.isBefore(start)) {
                throw ProblemException.invalid("asOf", "is before this KPI's time frame (from " + k.timeframeStart + ")"
                        + (k.periodEvery != null ? ": its earlier periods are in GET /api/v1/kpis/" + k.key + "/periods" : ""));
            }
            if (k.sourceType == Kpi.SourceType.FORMULA && k.groupBy != null) {
                throw ProblemException.invalid("asOf", "is not answered yet for a grouped FORMULA KPI (its value per " + k.groupBy
                        + " as of a moment): ask for its inputs as of then");
            }
            // what counts: the measurements of its time frame observed before then, as the live value counts them
            Instant until = asOf.isBefore(end) ? asOf : end;
            return kpis.view(k).chain(live -> pool.withConnection(c -> FormulaTree.load(c, k.id, k.key, k.aggregation,
                    k.sourceType == Kpi.SourceType.FORMULA ? k.formula : null, k.timeframeStart, k.timeframeEnd).chain(tree -> {
                        Uni<Map<UUID, Tally>> read = Uni.createFrom().item(new HashMap<>());
                        for (FormulaTree leaf : tree.leaves()) {
                            // each measured KPI over its own time frame, as its live value (what a formula reads) counts it
                            Instant leafStart = leaf.start().atStartOfDay(ZoneOffset.UTC).toInstant();
                            Instant leafEnd = leaf.end().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                            Instant leafUntil = asOf.isBefore(leafEnd) ? asOf : leafEnd;
                            if (!leafStart.isBefore(leafUntil)) {
                                read = read.invoke(byId -> byId.put(leaf.id(), Tally.NONE));
                                continue;
                            }
                            read = read.chain(byId -> MeasurementDays.between(c, leaf.id(), leafStart, leafUntil, MeasurementDays.Filter.NONE)
                                    .map(days -> {
                                        byId.put(leaf.id(), FormulaTree.within(days, leafStart, leafUntil));
                                        return byId;
                                    }));
                        }
                        Map<String, Evaluation> judged = new TreeMap<>();
                        // a formula is bounded, but it stays off the I/O thread
                        return read.chain(tallies -> vertx.executeBlocking(() -> tree.value(tallies), false).chain(value -> dimensions(c, k,
                                live, start, until, asOf, judged)
                                .map(dimensions -> {
                                    Instant last = lastMeasured(tallies);
                                    Evaluation overall = !judged.isEmpty() ? KpiStatusRules.overall(judged)
                                            : KpiStatusRules.evaluate(k.target(), value, last, asOf);
                                    return new KpiView(live.id(), live.key(), live.name(), live.description(), live.unit(), live.target(),
                                            live.timeframe(), live.period(), live.dataSource(), live.frequency(), live.aggregation(),
                                            live.groupBy(), live.atRiskBand(), live.owner(), live.tags(), value, overall.status(),
                                            overall.reason(), dimensions, last, live.archived(), live.version(), live.createdAt(),
                                            live.updatedAt(), live.warnings());
                                })));
                    })));
        });
    }

    /**
     * When it was last measured then: its own newest observation counted; for a formula, the oldest of its inputs' newest
     * (as the live value is judged: it is as fresh as its stalest input).
     */
    private static Instant lastMeasured(Map<UUID, Tally> tallies) {
        Instant oldest = null;
        for (Tally tally : tallies.values()) {
            if (!tally.isEmpty() && (oldest == null || tally.lastAt().isBefore(oldest))) {
                oldest = tally.lastAt();
            }
        }
        return oldest;
    }

    /** A grouped (measured) KPI's values per dimension value before {@code asOf}, judged then; null for one not grouped. */
    private static Uni<List<DimensionStatus>> dimensions(SqlConnection c, Kpi k, KpiView live, Instant start, Instant until,
            Instant asOf, Map<String, Evaluation> judged) {
        if (live.statusByDimension() == null || k.sourceType == Kpi.SourceType.FORMULA) {
            return Uni.createFrom().item(live.statusByDimension() == null ? null : List.of());
        }
        Uni<List<DimensionStatus>> all = Uni.createFrom().item(new ArrayList<>());
        for (DimensionStatus d : live.statusByDimension()) {
            all = all.chain(list -> MeasurementDays.between(c, k.id, start, until, MeasurementDays.Filter.groupedBy(d.value()))
                    .map(days -> {
                        Tally tally = FormulaTree.within(days, start, until);
                        Instant last = tally.isEmpty() ? null : tally.lastAt();
                        Double value = k.aggregation.of(tally);
                        Evaluation e = KpiStatusRules.evaluate(k.target(), value, last, asOf);
                        if (!tally.isEmpty()) { // a dimension value counts once it was measured
                            list.add(new DimensionStatus(d.value(), value, e.status(), e.reason(), last));
                            judged.put(d.value(), e);
                        }
                        return list;
                    }));
        }
        return all;
    }
}

package dev.okr.kpi.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.contracts.events.KpiChanged;
import dev.okr.kpi.kpi.KpiApi.PeriodResult;
import dev.okr.kpi.kpi.KpiApi.TargetView;
import dev.okr.kpi.status.Evaluation;
import dev.okr.kpi.status.KpiStateUpdater;
import dev.okr.kpi.status.KpiStatus;
import dev.okr.kpi.status.KpiStatusRules;
import dev.okr.kpi.status.Target;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A recurring KPI's periods. When its current period has ended, {@link #roll} keeps that period's target and final
 * value and status, moves the KPI's time frame to the period that holds today, and recomputes it from that period's
 * measurements — one transaction, one {@code period-started} event. Integrations push to the same key all along.
 */
@ApplicationScoped
public class Periods {

    private final KpiStateUpdater states;

    public Periods(KpiStateUpdater states) {
        this.states = states;
    }

    /** At most this many periods that ended unseen (the sweep stopped) are kept one by one; beyond, the KPI jumps to today. */
    static final int MAX_UNSEEN = 240;

    private static final String KPI = "select id, period_every, period_anchor, group_by, target_operator, target_value, target_upper_value, "
            + "baseline, timeframe_start, timeframe_end, frequency, aggregation, at_risk_band, unit, current_value, last_measured_at "
            + "from kpi where id = $1";

    /**
     * Moves the KPI into its period that holds {@code now}, if its current one has ended; answers whether it did. Each
     * period that ended meanwhile is kept too, recomputed from its own measurements.
     */
    public Uni<Boolean> roll(SqlConnection c, UUID kpiId, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return c.preparedQuery(KPI + " and period_every is not null and archived_at is null and timeframe_end < $2 for no key update")
                .execute(Tuple.of(kpiId, today)).chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    Row k = rows.iterator().next();
                    Recurrence recurrence = new Recurrence(Recurrence.Every.valueOf(k.getString("period_every")), k.getLocalDate("period_anchor"));
                    return moveOn(c, kpiId, recurrence, KpiStateUpdater.target(k), today, now, 0).replaceWith(true);
                });
    }

    /** Keeps the period that ended, then moves to the next: judged and kept in turn if it ended too, else the current one. */
    private Uni<Void> moveOn(SqlConnection c, UUID kpiId, Recurrence recurrence, Target ended, LocalDate today, Instant now, int unseen) {
        Recurrence.Period next = recurrence.after(new Recurrence.Period(ended.start(), ended.end()));
        boolean endedToo = next.end().isBefore(today) && unseen < MAX_UNSEEN;
        Recurrence.Period into = next.end().isBefore(today) && !endedToo ? recurrence.containing(today) : next;
        return keep(c, kpiId, now)
                .chain(() -> c.preparedQuery("update kpi set timeframe_start = $2, timeframe_end = $3 where id = $1")
                        .execute(Tuple.of(kpiId, into.start(), into.end())))
                .chain(() -> !endedToo ? states.define(c, kpiId, now, KpiChanged.PERIOD_STARTED).replaceWithVoid()
                        // a period that passed unseen: its value from its own measurements, then kept as well
                        : states.recompute(c, List.of(kpiId), now)
                                .chain(() -> c.preparedQuery(KPI).execute(Tuple.of(kpiId)))
                                .chain(rows -> moveOn(c, kpiId, recurrence, KpiStateUpdater.target(rows.iterator().next()), today, now,
                                        unseen + 1)));
    }

    /** Keeps the KPI's current period with its target and its result after its end: achieved or missed. */
    private Uni<Void> keep(SqlConnection c, UUID kpiId, Instant now) {
        return c.preparedQuery(KPI).execute(Tuple.of(kpiId)).chain(rows -> {
            Row k = rows.iterator().next();
            Target target = KpiStateUpdater.target(k);
            Instant last = k.getOffsetDateTime("last_measured_at") == null ? null : k.getOffsetDateTime("last_measured_at").toInstant();
            Uni<Evaluation> judged = k.getString("group_by") == null
                    ? Uni.createFrom().item(KpiStatusRules.evaluate(target, k.getDouble("current_value"), last, now))
                    // a grouped KPI ends as it was judged all along: by its dimensions
                    : c.preparedQuery("select dimension_value, current_value, last_measured_at from kpi_dimension_status where kpi_id = $1")
                            .execute(Tuple.of(kpiId)).map(dims -> {
                                Map<String, Evaluation> byDimension = new TreeMap<>();
                                for (Row d : dims) {
                                    byDimension.put(d.getString("dimension_value"), KpiStatusRules.evaluate(target, d.getDouble("current_value"),
                                            d.getOffsetDateTime("last_measured_at") == null ? null
                                                    : d.getOffsetDateTime("last_measured_at").toInstant(), now));
                                }
                                return byDimension.isEmpty() ? KpiStatusRules.evaluate(target, k.getDouble("current_value"), last, now)
                                        : KpiStatusRules.overall(byDimension);
                            });
            return judged.chain(result -> c.preparedQuery("insert into kpi_period (kpi_id, start_date, end_date, target_operator, "
                    + "target_value, target_upper_value, baseline, value, status, status_reason, closed_at) "
                    + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict do nothing")
                    .execute(Tuple.tuple(Arrays.asList(kpiId, target.start(), target.end(), target.operator().name(), target.value(),
                            target.upperValue(), target.baseline(), k.getDouble("current_value"), result.status().name(), result.reason(),
                            now.atOffset(ZoneOffset.UTC))))
                    .replaceWithVoid());
        });
    }

    /** The KPI's periods, newest first: the current one (as the KPI shows it now), then those that ended. */
    public Uni<List<PeriodResult>> of(SqlConnection c, KpiApi.KpiView kpi) {
        List<PeriodResult> periods = new ArrayList<>();
        periods.add(new PeriodResult(kpi.timeframe().start(), kpi.timeframe().end(), true, kpi.target(), kpi.currentValue(),
                kpi.status(), kpi.statusReason()));
        return c.preparedQuery("select start_date, end_date, target_operator, target_value, target_upper_value, baseline, value, status, "
                + "status_reason from kpi_period where kpi_id = $1 order by start_date desc").execute(Tuple.of(kpi.id())).map(rows -> {
                    for (Row r : rows) {
                        periods.add(new PeriodResult(r.getLocalDate("start_date"), r.getLocalDate("end_date"), false,
                                TargetView.of(Operator.valueOf(r.getString("target_operator")), r.getDouble("target_value"),
                                        r.getDouble("target_upper_value"), r.getDouble("baseline")),
                                r.getDouble("value"), KpiStatus.valueOf(r.getString("status")), r.getString("status_reason")));
                    }
                    return periods;
                });
    }
}

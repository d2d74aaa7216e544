package dev.okr.kpi.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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

    /** Moves the KPI into its period that holds {@code now}, if its current one has ended; answers whether it did. */
    public Uni<Boolean> roll(SqlConnection c, UUID kpiId, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return c.preparedQuery("select id, period_every, period_anchor, timeframe_start, timeframe_end, target_operator, target_value, "
                + "target_upper_value, baseline, frequency, aggregation, at_risk_band, unit, current_value, last_measured_at from kpi "
                + "where id = $1 and period_every is not null and archived_at is null and timeframe_end < $2 for no key update")
                .execute(Tuple.of(kpiId, today)).chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    Row k = rows.iterator().next();
                    Target ended = target(k);
                    // judged after its end: achieved or missed, against the target it had
                    Evaluation last = KpiStatusRules.evaluate(ended, k.getDouble("current_value"),
                            k.getOffsetDateTime("last_measured_at") == null ? null : k.getOffsetDateTime("last_measured_at").toInstant(),
                            now);
                    Recurrence.Period next = new Recurrence(Recurrence.Every.valueOf(k.getString("period_every")),
                            k.getLocalDate("period_anchor")).containing(today);
                    return c.preparedQuery("insert into kpi_period (kpi_id, start_date, end_date, target_operator, target_value, "
                            + "target_upper_value, baseline, value, status, status_reason, closed_at) "
                            + "values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict do nothing")
                            .execute(Tuple.tuple(java.util.Arrays.asList(kpiId, ended.start(), ended.end(), ended.operator().name(),
                                    ended.value(), ended.upperValue(), ended.baseline(), k.getDouble("current_value"),
                                    last.status().name(), last.reason(), now.atOffset(ZoneOffset.UTC))))
                            .chain(() -> c.preparedQuery("update kpi set timeframe_start = $2, timeframe_end = $3 where id = $1")
                                    .execute(Tuple.of(kpiId, next.start(), next.end())))
                            .chain(() -> states.define(c, kpiId, now, KpiChanged.PERIOD_STARTED))
                            .replaceWith(true);
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

    private static Target target(Row k) {
        return new Target(Operator.valueOf(k.getString("target_operator")), k.getDouble("target_value"), k.getDouble("target_upper_value"),
                k.getDouble("baseline"), k.getLocalDate("timeframe_start"), k.getLocalDate("timeframe_end"),
                Frequency.valueOf(k.getString("frequency")), Aggregation.valueOf(k.getString("aggregation")), k.getDouble("at_risk_band"),
                k.getString("unit"));
    }
}

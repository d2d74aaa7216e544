package dev.okr.kpi.tally;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A KPI's measurements that count, kept summed up per UTC day and value of its groupBy dimension
 * ({@code measurement_day}), so that what a KPI's value and series cost does not grow with its history.
 * Ingestion adds its rows to their days in the statement that stores them; a correction or a withdrawal
 * recounts the one day it touched from that day's measurements, which keeps LAST, MIN and MAX exact.
 */
public final class MeasurementDays {

    private static final String COLUMNS = "kpi_id, dimension_value, day, count, total, low, high, last_value, last_at, last_id";
    private static final String TALLY_OF_ROWS = "count(*), sum(value), min(value), max(value), "
            + "(array_agg(value order by observed_at desc, id desc))[1], max(observed_at), "
            + "(array_agg(id order by observed_at desc, id desc))[1]";
    private static final String TALLY_OF_DAYS = "sum(count)::bigint as count, sum(total) as total, min(low) as low, max(high) as high, "
            + "(array_agg(last_value order by last_at desc, last_id desc))[1] as last_value, max(last_at) as last_at, "
            + "(array_agg(last_id order by last_at desc, last_id desc))[1] as last_id";
    private static final String DAY_OF = "date_trunc('day', observed_at, 'UTC')";

    private MeasurementDays() {
    }

    /**
     * The statement that adds the measurements a data-modifying {@code WITH} query named {@code rows} returned
     * (columns id, kpi_id, dimension_value, observed_at, value) to their days. Days are written in key order,
     * so concurrent batches for the same KPIs queue for them rather than deadlock.
     */
    public static String add(String rows) {
        return "insert into measurement_day as d (" + COLUMNS + ") select kpi_id, dimension_value, " + DAY_OF + ", "
                + TALLY_OF_ROWS + " from " + rows + " group by 1, 2, 3 order by 1, 3, 2 "
                + "on conflict (kpi_id, day, dimension_value) do update set count = d.count + excluded.count, "
                + "total = d.total + excluded.total, low = least(d.low, excluded.low), high = greatest(d.high, excluded.high), "
                + "last_value = case when (excluded.last_at, excluded.last_id) > (d.last_at, d.last_id) then excluded.last_value else d.last_value end, "
                + "last_id = case when (excluded.last_at, excluded.last_id) > (d.last_at, d.last_id) then excluded.last_id else d.last_id end, "
                + "last_at = greatest(d.last_at, excluded.last_at)";
    }

    /** Counts again the day (and dimension value) of one measurement, from the measurements of that day that count. */
    public static Uni<Void> recount(SqlConnection c, long measurementId) {
        return c.preparedQuery("delete from measurement_day d using measurement m where m.id = $1 and d.kpi_id = m.kpi_id "
                + "and d.day = date_trunc('day', m.observed_at, 'UTC') and d.dimension_value is not distinct from m.dimension_value")
                .execute(Tuple.of(measurementId))
                .chain(() -> c.preparedQuery("insert into measurement_day (" + COLUMNS + ") select kpi_id, dimension_value, "
                        + DAY_OF + ", " + TALLY_OF_ROWS + " from (select x.* from measurement m join measurement x "
                        + "on x.kpi_id = m.kpi_id and x.dimension_value is not distinct from m.dimension_value "
                        + "and x.observed_at >= date_trunc('day', m.observed_at, 'UTC') "
                        + "and x.observed_at < date_trunc('day', m.observed_at, 'UTC') + interval '24 hours' "
                        + "where m.id = $1 and x.withdrawn_at is null) as day_rows group by 1, 2, 3")
                        .execute(Tuple.of(measurementId)))
                .replaceWithVoid();
    }

    /**
     * After a KPI's groupBy changed: every measurement takes the value of the new dimension (null when the KPI
     * is no longer grouped), the days are counted again, and the per-dimension states of the old grouping go.
     */
    public static Uni<Void> regroup(SqlConnection c, UUID kpiId, String groupBy) {
        return c.preparedQuery("update measurement set dimension_value = dimensions ->> $2 where kpi_id = $1")
                .execute(Tuple.of(kpiId, groupBy))
                .chain(() -> c.preparedQuery("delete from measurement_day where kpi_id = $1").execute(Tuple.of(kpiId)))
                .chain(() -> c.preparedQuery("insert into measurement_day (" + COLUMNS + ") select kpi_id, dimension_value, "
                        + DAY_OF + ", " + TALLY_OF_ROWS + " from measurement where kpi_id = $1 and withdrawn_at is null group by 1, 2, 3")
                        .execute(Tuple.of(kpiId)))
                .chain(() -> c.preparedQuery("delete from kpi_dimension_status where kpi_id = $1").execute(Tuple.of(kpiId)))
                .replaceWithVoid();
    }

    /** A KPI's tally over whole days, overall and per dimension value (those of grouped KPIs' measurements). */
    public record Totals(Tally overall, Map<String, Tally> byDimension) {
    }

    /** What a KPI's measurements observed on the days from {@code start} up to (not including) {@code end} add up to. */
    public static Uni<Totals> totals(SqlClient c, UUID kpiId, LocalDate start, LocalDate end) {
        return c.preparedQuery("select dimension_value, grouping(dimension_value) as overall, " + TALLY_OF_DAYS
                + " from measurement_day where kpi_id = $1 and day >= $2 and day < $3 group by grouping sets ((dimension_value), ())")
                .execute(Tuple.of(kpiId, midnight(start), midnight(end))).map(rows -> {
                    Tally overall = Tally.NONE;
                    Map<String, Tally> byDimension = new TreeMap<>();
                    for (Row r : rows) {
                        if (r.getInteger("overall") == 1) {
                            overall = tally(r);
                        } else if (r.getString("dimension_value") != null) {
                            byDimension.put(r.getString("dimension_value"), tally(r));
                        }
                    }
                    return new Totals(overall, byDimension);
                });
    }

    /** One UTC day's tally of the measurements of one value of the groupBy dimension (null: none, or not grouped). */
    public record DimensionDay(Instant day, String dimension, Tally tally) {
    }

    /** The tallies of the days from {@code start} up to (not including) {@code end}, per day and dimension value, by day. */
    public static Uni<List<DimensionDay>> days(SqlClient c, UUID kpiId, Instant start, Instant end) {
        return c.preparedQuery("select day, dimension_value, count, total, low, high, last_value, last_at, last_id from measurement_day "
                + "where kpi_id = $1 and day >= $2 and day < $3 order by day")
                .execute(Tuple.of(kpiId, utc(start), utc(end))).map(rows -> {
                    List<DimensionDay> days = new ArrayList<>();
                    for (Row r : rows) {
                        days.add(new DimensionDay(r.getOffsetDateTime("day").toInstant(), r.getString("dimension_value"), tally(r)));
                    }
                    return days;
                });
    }

    /**
     * What the days from {@code start} up to (not including) {@code end} add up to per value of the groupBy dimension,
     * the measurements without one under the key null.
     */
    public static Uni<Map<String, Tally>> perDimension(SqlClient c, UUID kpiId, Instant start, Instant end) {
        return c.preparedQuery("select dimension_value, " + TALLY_OF_DAYS + " from measurement_day where kpi_id = $1 "
                + "and day >= $2 and day < $3 group by dimension_value")
                .execute(Tuple.of(kpiId, utc(start), utc(end))).map(rows -> {
                    Map<String, Tally> tallies = new HashMap<>();
                    for (Row r : rows) {
                        tallies.put(r.getString("dimension_value"), tally(r));
                    }
                    return tallies;
                });
    }

    /** One UTC day's tally. */
    public record Day(Instant day, Tally tally) {
    }

    /**
     * Which measurements a read takes beyond a KPI's days: those whose groupBy dimension has a value
     * ({@code dimension_value = ?}), or whose dimension of another name has one ({@code dimensions ->> name = ?}),
     * which only the measurements themselves know.
     */
    public record Filter(String groupValue, String dimension, String value) {

        public static final Filter NONE = new Filter(null, null, null);

        public static Filter groupedBy(String value) {
            return new Filter(value, null, null);
        }

        public static Filter dimension(String name, String value) {
            return new Filter(null, name, value);
        }
    }

    /**
     * The tallies per UTC day of a KPI's measurements observed in [from, to), days without any left out: whole
     * days are read from the KPI's days, the parts of a day at either end from the measurements of those parts.
     * With a filter on a dimension other than the groupBy, every measurement in the range is read.
     */
    public static Uni<List<Day>> between(SqlClient c, UUID kpiId, Instant from, Instant to, Filter filter) {
        Instant wholeFrom = from.truncatedTo(ChronoUnit.DAYS);
        if (wholeFrom.isBefore(from)) {
            wholeFrom = wholeFrom.plus(1, ChronoUnit.DAYS);
        }
        Instant wholeTo = to.truncatedTo(ChronoUnit.DAYS);
        if (filter.dimension() != null || !wholeFrom.isBefore(wholeTo)) {
            // nothing is read from the days: the measurements of [from, to) are
            wholeFrom = to;
            wholeTo = to;
        }
        Tuple params = Tuple.of(kpiId, utc(wholeFrom), utc(wholeTo), utc(from)).addOffsetDateTime(utc(to));
        String daysFilter = "";
        String rowsFilter = "";
        if (filter.groupValue() != null) {
            params.addString(filter.groupValue());
            daysFilter = " and dimension_value = $6";
            rowsFilter = daysFilter;
        } else if (filter.dimension() != null) {
            params.addString(filter.dimension()).addString(filter.value());
            rowsFilter = " and dimensions ->> $6 = $7";
        }
        String sql = "select day, " + TALLY_OF_DAYS + " from ("
                + "select day, count, total, low, high, last_value, last_at, last_id from measurement_day "
                + "where kpi_id = $1 and day >= $2 and day < $3" + daysFilter
                + " union all select " + DAY_OF + ", 1, value, value, value, value, observed_at, id from measurement "
                + "where kpi_id = $1 and withdrawn_at is null and ((observed_at >= $4 and observed_at < $2) "
                + "or (observed_at >= $3 and observed_at < $5))" + rowsFilter
                + ") t group by day order by day";
        return c.preparedQuery(sql).execute(params).map(rows -> {
            List<Day> days = new ArrayList<>();
            for (Row r : rows) {
                days.add(new Day(r.getOffsetDateTime("day").toInstant(), tally(r)));
            }
            return days;
        });
    }

    private static Tally tally(Row r) {
        Long count = r.getLong("count");
        if (count == null || count == 0) {
            return Tally.NONE;
        }
        return new Tally(count, r.getDouble("total"), r.getDouble("low"), r.getDouble("high"), r.getDouble("last_value"),
                r.getOffsetDateTime("last_at").toInstant(), r.getLong("last_id"));
    }

    private static OffsetDateTime midnight(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime();
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}

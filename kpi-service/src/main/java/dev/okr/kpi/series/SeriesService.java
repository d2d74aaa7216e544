package dev.okr.kpi.series;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.kpi.kpi.Kpi;
import dev.okr.kpi.kpi.KpiRepository;
import dev.okr.kpi.series.SeriesApi.Bucket;
import dev.okr.kpi.series.SeriesApi.Forecast;
import dev.okr.kpi.series.SeriesApi.Period;
import dev.okr.kpi.series.SeriesApi.Point;
import dev.okr.kpi.series.SeriesApi.Series;
import dev.okr.kpi.series.SeriesApi.Trend;
import dev.okr.kpi.status.KpiStatusRules;
import dev.okr.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** A KPI's values over time, bucketed in SQL, and its trend: growth period over period and a linear forecast. */
@ApplicationScoped
public class SeriesService {

    private static final int MAX_BUCKETS = 1000;

    private final KpiRepository kpis;
    private final Pool pool;
    private final Clock clock;

    public SeriesService(KpiRepository kpis, Pool pool, Clock clock) {
        this.kpis = kpis;
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<Series> series(UUID organisationId, String idOrKey, Instant from, Instant to, Bucket bucket, String dimension) {
        return find(organisationId, idOrKey).chain(k -> {
            Instant start = from != null ? from : startOf(k);
            Instant end = to != null ? to : clock.instant();
            Bucket size = bucket != null ? bucket : defaultBucket(k);
            if (!start.isBefore(end)) {
                throw ProblemException.invalid("to", "must be after from (" + start + ")");
            }
            long approxDays = Duration.between(start, end).toDays();
            long buckets = switch (size) {
                case DAY -> approxDays;
                case WEEK -> approxDays / 7;
                case MONTH -> approxDays / 28;
            };
            if (buckets > MAX_BUCKETS) {
                throw ProblemException.invalid("bucket", "from " + start + " to " + end + " makes " + buckets
                        + " buckets; at most " + MAX_BUCKETS + ": use a larger bucket or a shorter range");
            }
            String filter = "";
            Tuple params = Tuple.of(k.id, utc(start), utc(end));
            if (dimension != null && k.groupBy != null && !dimension.contains(":")) {
                filter = " and dimension_value = $4";
                params.addString(dimension);
            } else if (dimension != null) {
                int colon = dimension.indexOf(':');
                if (colon <= 0 || colon == dimension.length() - 1) {
                    throw ProblemException.invalid("dimension", k.groupBy == null
                            ? "this KPI is not grouped: filter with dimension=name:value, e.g. region:domestic"
                            : "a value of " + k.groupBy + ", or name:value for another dimension");
                }
                filter = " and dimensions ->> $4 = $5";
                params.addString(dimension.substring(0, colon)).addString(dimension.substring(colon + 1));
            }
            String sql = "select date_trunc('" + size.sql() + "', observed_at, 'UTC') as bucket, " + k.aggregation.sql()
                    + " as value, count(*) as n from measurement where kpi_id = $1 and withdrawn_at is null "
                    + "and observed_at >= $2 and observed_at < $3" + filter + " group by 1 order by 1";
            return pool.preparedQuery(sql).execute(params).map(rows -> {
                List<Point> points = new ArrayList<>();
                for (Row r : rows) {
                    points.add(new Point(r.getOffsetDateTime("bucket").toInstant(), r.getDouble("value"), r.getLong("n")));
                }
                return new Series(k.id, k.key, size, start, end, dimension, points);
            });
        });
    }

    public Uni<Trend> trend(UUID organisationId, String idOrKey) {
        return find(organisationId, idOrKey).chain(k -> {
            Instant now = clock.instant();
            Duration period = k.frequency.period();
            Instant currentFrom = now.minus(period);
            Instant previousFrom = currentFrom.minus(period);
            String periods = "select observed_at >= $2 as current, " + k.aggregation.sql() + " as value from measurement "
                    + "where kpi_id = $1 and withdrawn_at is null and observed_at >= $3 and observed_at < $4 group by 1";
            Instant start = startOf(k);
            Instant end = k.timeframeEnd.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            String daily = "select date_trunc('day', observed_at, 'UTC') as day, " + k.aggregation.sql() + " as value "
                    + "from measurement where kpi_id = $1 and withdrawn_at is null and observed_at >= $2 and observed_at < $3 "
                    + "group by 1 order by 1";
            return pool.preparedQuery(periods).execute(Tuple.of(k.id, utc(currentFrom), utc(previousFrom), utc(now)))
                    .chain(periodRows -> pool.preparedQuery(daily).execute(Tuple.of(k.id, utc(start), utc(now.isBefore(end) ? now : end)))
                            .map(dailyRows -> {
                                Double current = null;
                                Double previous = null;
                                for (Row r : periodRows) {
                                    if (r.getBoolean("current")) {
                                        current = r.getDouble("value");
                                    } else {
                                        previous = r.getDouble("value");
                                    }
                                }
                                List<LinearTrend.Point> points = new ArrayList<>();
                                double running = 0;
                                for (Row r : dailyRows) {
                                    double x = Duration.between(start, r.getOffsetDateTime("day").toInstant()).toHours() / 24.0;
                                    double v = r.getDouble("value");
                                    running += v;
                                    points.add(new LinearTrend.Point(x, k.aggregation.accumulates() ? running : v));
                                }
                                LinearTrend line = LinearTrend.fit(points);
                                Double forecast = line == null ? null : line.at(Duration.between(start, end).toHours() / 24.0);
                                var implied = forecast == null ? null
                                        : KpiStatusRules.evaluate(k.target(), forecast, end.minusSeconds(1), end).status();
                                return new Trend(k.id, k.key, new Period(currentFrom, now, current),
                                        new Period(previousFrom, currentFrom, previous), LinearTrend.growth(previous, current),
                                        new Forecast(end, forecast, implied, points.size()));
                            }));
        });
    }

    private Uni<Kpi> find(UUID organisationId, String idOrKey) {
        return Panache.withSession(() -> kpis.findByIdOrKey(organisationId, idOrKey))
                .onItem().ifNull().failWith(() -> new ProblemException(404, "not-found", "Not found",
                        "No KPI with id or key '" + idOrKey + "' exists.", null));
    }

    private static Instant startOf(Kpi k) {
        return k.timeframeStart.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Bucket defaultBucket(Kpi k) {
        return switch (k.frequency) {
            case DAILY -> Bucket.DAY;
            case WEEKLY -> Bucket.WEEK;
            case MONTHLY, QUARTERLY -> Bucket.MONTH;
        };
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}

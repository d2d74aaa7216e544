package dev.okr.kpi.series;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.kpi.kpi.Kpi;
import dev.okr.kpi.kpi.KpiRepository;
import dev.okr.kpi.tally.MeasurementDays;
import dev.okr.kpi.tally.Tally;
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
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/** A KPI's values over time, bucketed from its days ({@link MeasurementDays}), and its trend: growth period over period and a linear forecast. */
@ApplicationScoped
public class SeriesService {

    private static final int MAX_BUCKETS = 1000;

    private final KpiRepository kpis;
    private final Pool pool;
    private final Vertx vertx;
    private final Clock clock;

    public SeriesService(KpiRepository kpis, Pool pool, Vertx vertx, Clock clock) {
        this.kpis = kpis;
        this.pool = pool;
        this.vertx = vertx;
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
            MeasurementDays.Filter filter = MeasurementDays.Filter.NONE;
            if (dimension != null && k.groupBy != null && !dimension.contains(":")) {
                filter = MeasurementDays.Filter.groupedBy(dimension);
            } else if (dimension != null) {
                int colon = dimension.indexOf(':');
                if (colon <= 0 || colon == dimension.length() - 1) {
                    throw ProblemException.invalid("dimension", k.groupBy == null
                            ? "this KPI is not grouped: filter with dimension=name:value, e.g. region:domestic"
                            : "a value of " + k.groupBy + ", or name:value for another dimension");
                }
                filter = MeasurementDays.Filter.dimension(dimension.substring(0, colon), dimension.substring(colon + 1));
            }
            List<Instant> starts = Buckets.starts(start, end, size);
            MeasurementDays.Filter chosen = filter;
            if (k.sourceType == Kpi.SourceType.FORMULA) {
                return pool.withConnection(c -> FormulaTree.load(c, k.id, k.key, k.aggregation, k.formula, k.timeframeStart, k.timeframeEnd)
                        .chain(tree -> {
                    Uni<Map<UUID, List<Point>>> filled = Uni.createFrom().item(new HashMap<>());
                    for (FormulaTree leaf : tree.leaves()) {
                        filled = filled.chain(byId -> MeasurementDays.between(c, leaf.id(), start, end, chosen).map(days -> {
                            byId.put(leaf.id(), Buckets.fill(starts, Buckets.tallies(days, size), leaf.aggregation()));
                            return byId;
                        }));
                    }
                    // a formula is bounded, but evaluated a thousand times it stays off the I/O thread
                    return filled.chain(byId -> vertx.executeBlocking(() -> tree.points(starts, byId), false));
                })).map(points -> new Series(k.id, k.key, size, start, end, dimension, points));
            }
            return MeasurementDays.between(pool, k.id, start, end, filter)
                    .map(days -> new Series(k.id, k.key, size, start, end, dimension,
                            Buckets.fill(starts, Buckets.tallies(days, size), k.aggregation)));
        });
    }

    public Uni<Trend> trend(UUID organisationId, String idOrKey) {
        return find(organisationId, idOrKey).chain(k -> {
            Instant now = clock.instant();
            Duration period = k.frequency.period();
            Instant currentFrom = now.minus(period);
            Instant previousFrom = currentFrom.minus(period);
            Instant start = startOf(k);
            Instant end = k.timeframeEnd.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (k.sourceType == Kpi.SourceType.FORMULA) {
                Instant until = now.isBefore(end) ? now : end;
                return pool.withConnection(c -> FormulaTree.load(c, k.id, k.key, k.aggregation, k.formula, k.timeframeStart, k.timeframeEnd)
                        .chain(tree -> {
                    Uni<Map<UUID, Windows>> read = Uni.createFrom().item(new HashMap<>());
                    for (FormulaTree leaf : tree.leaves()) {
                        read = read.chain(byId -> MeasurementDays.between(c, leaf.id(), currentFrom, now, MeasurementDays.Filter.NONE)
                                .chain(current -> MeasurementDays.between(c, leaf.id(), previousFrom, currentFrom, MeasurementDays.Filter.NONE)
                                        .chain(previous -> (now.isAfter(start)
                                                ? MeasurementDays.between(c, leaf.id(), start, until, MeasurementDays.Filter.NONE)
                                                : Uni.createFrom().item(List.<MeasurementDays.Day>of()))
                                                .map(toDate -> {
                                                    byId.put(leaf.id(), new Windows(sum(current), sum(previous), toDate));
                                                    return byId;
                                                }))));
                    }
                    return read.chain(byId -> vertx.executeBlocking(() -> formulaTrend(k, tree, byId, now, currentFrom, previousFrom), false));
                }));
            }
            return pool.withConnection(c -> MeasurementDays.between(c, k.id, currentFrom, now, MeasurementDays.Filter.NONE)
                    .chain(current -> MeasurementDays.between(c, k.id, previousFrom, currentFrom, MeasurementDays.Filter.NONE)
                            .chain(previous -> (now.isAfter(start)
                                    ? MeasurementDays.between(c, k.id, start, now.isBefore(end) ? now : end, MeasurementDays.Filter.NONE)
                                    : Uni.createFrom().item(List.<MeasurementDays.Day>of()))
                                    .map(days -> trend(k, now, currentFrom, previousFrom, sum(current), sum(previous), days)))));
        });
    }

    private static Trend trend(Kpi k, Instant now, Instant currentFrom, Instant previousFrom, Tally currentTally,
            Tally previousTally, List<MeasurementDays.Day> days) {
        Instant start = startOf(k);
        Instant end = k.timeframeEnd.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Double currentValue = currentTally.isEmpty() ? null : k.aggregation.of(currentTally);
        Double previousValue = previousTally.isEmpty() ? null : k.aggregation.of(previousTally);
        List<LinearTrend.Point> points = new ArrayList<>();
        double running = 0;
        for (MeasurementDays.Day day : days) {
            double x = Duration.between(start, day.day()).toHours() / 24.0;
            double v = k.aggregation.of(day.tally());
            running += v;
            points.add(new LinearTrend.Point(x, k.aggregation.accumulates() ? running : v));
        }
        LinearTrend line = LinearTrend.fit(points);
        Double forecast = line == null ? null : line.at(Duration.between(start, end).toHours() / 24.0);
        var implied = forecast == null ? null
                : KpiStatusRules.evaluate(k.target(), forecast, end.minusSeconds(1), end).status();
        return new Trend(k.id, k.key, new Period(currentFrom, now, currentValue),
                new Period(previousFrom, currentFrom, previousValue), LinearTrend.growth(previousValue, currentValue),
                new Forecast(end, forecast, implied, points.size()));
    }

    /** A measured KPI's tallies of the current and previous period, and its days of the time frame up to now. */
    record Windows(Tally current, Tally previous, List<MeasurementDays.Day> toDate) {
    }

    /**
     * A FORMULA KPI's trend from its measured inputs: each period's value is the formula over its inputs' values of that
     * period; the forecast fits a line through the formula's value to date at the end of each day an input was measured.
     */
    static Trend formulaTrend(Kpi k, FormulaTree tree, Map<UUID, Windows> leaves, Instant now, Instant currentFrom, Instant previousFrom) {
        Instant start = startOf(k);
        Instant end = k.timeframeEnd.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<UUID, Tally> current = new HashMap<>();
        Map<UUID, Tally> previous = new HashMap<>();
        TreeSet<Instant> measuredDays = new TreeSet<>();
        leaves.forEach((id, windows) -> {
            current.put(id, windows.current());
            previous.put(id, windows.previous());
            windows.toDate().forEach(day -> measuredDays.add(day.day()));
        });
        Double currentValue = tree.value(current);
        Double previousValue = tree.value(previous);
        List<LinearTrend.Point> points = new ArrayList<>();
        for (Instant day : measuredDays) {
            Instant after = day.plus(Duration.ofDays(1));
            Map<UUID, Tally> toDate = new HashMap<>();
            leaves.forEach((id, windows) -> toDate.put(id, FormulaTree.within(windows.toDate(), start, after)));
            Double value = tree.value(toDate);
            if (value != null) {
                points.add(new LinearTrend.Point(Duration.between(start, day).toHours() / 24.0, value));
            }
        }
        LinearTrend line = LinearTrend.fit(points);
        Double forecast = line == null ? null : line.at(Duration.between(start, end).toHours() / 24.0);
        var implied = forecast == null ? null : KpiStatusRules.evaluate(k.target(), forecast, end.minusSeconds(1), end).status();
        return new Trend(k.id, k.key, new Period(currentFrom, now, currentValue), new Period(previousFrom, currentFrom, previousValue),
                LinearTrend.growth(previousValue, currentValue), new Forecast(end, forecast, implied, points.size()));
    }

    private static Tally sum(List<MeasurementDays.Day> days) {
        Tally sum = Tally.NONE;
        for (MeasurementDays.Day day : days) {
            sum = sum.plus(day.tally());
        }
        return sum;
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

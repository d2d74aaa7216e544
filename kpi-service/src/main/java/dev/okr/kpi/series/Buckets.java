package dev.okr.kpi.series;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import dev.okr.kpi.kpi.Aggregation;
import dev.okr.kpi.series.SeriesApi.Bucket;
import dev.okr.kpi.series.SeriesApi.Point;
import dev.okr.kpi.tally.MeasurementDays;
import dev.okr.kpi.tally.Tally;

/**
 * A series' buckets, every one of them: the days' tallies summed per bucket and aggregated as the KPI aggregates; a bucket
 * without measurements is carried — 0 for a KPI that adds up (SUM, COUNT: nothing happened), else the previous bucket's
 * value (null before any). A FORMULA KPI's buckets are its formula over its inputs' buckets.
 */
public final class Buckets {

    private Buckets() {
    }

    /** The first instants of the buckets that overlap [from, to). */
    public static List<Instant> starts(Instant from, Instant to, Bucket size) {
        List<Instant> starts = new ArrayList<>();
        for (Instant start = size.startOf(from); start.isBefore(to); start = size.next(start)) {
            starts.add(start);
        }
        return starts;
    }

    /** Each bucket's tally: the sum of the days in it. */
    public static Map<Instant, Tally> tallies(List<MeasurementDays.Day> days, Bucket size) {
        Map<Instant, Tally> byBucket = new TreeMap<>();
        for (MeasurementDays.Day day : days) {
            byBucket.merge(size.startOf(day.day()), day.tally(), Tally::plus);
        }
        return byBucket;
    }

    /** A point for every bucket, carried where it has no measurement. */
    public static List<Point> fill(List<Instant> starts, Map<Instant, Tally> tallies, Aggregation aggregation) {
        List<Point> points = new ArrayList<>();
        Double previous = null;
        for (Instant start : starts) {
            Tally tally = tallies.get(start);
            if (tally == null || tally.isEmpty()) {
                Double carried = aggregation.accumulates() ? Double.valueOf(0) : previous;
                points.add(new Point(start, carried, 0, true));
                previous = carried;
            } else {
                Double value = aggregation.of(tally);
                points.add(new Point(start, value, tally.count(), false));
                previous = value;
            }
        }
        return points;
    }

    /**
     * A formula's points from its inputs' (filled alike, by key): each bucket's value is {@code formula} over the inputs'
     * values of that bucket (an input without a value is left out, so the formula says it lacks it: null), its count the
     * inputs' measurements, carried when every input's is.
     */
    public static List<Point> combine(List<Instant> starts, Map<String, List<Point>> inputs, Function<Map<String, Double>, Double> formula) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Map<String, Double> values = new TreeMap<>();
            long count = 0;
            boolean carried = true;
            for (Map.Entry<String, List<Point>> input : inputs.entrySet()) {
                Point p = input.getValue().get(i);
                if (p.value() != null) {
                    values.put(input.getKey(), p.value());
                }
                count += p.count();
                carried &= p.carried();
            }
            points.add(new Point(starts.get(i), formula.apply(values), count, carried));
        }
        return points;
    }
}

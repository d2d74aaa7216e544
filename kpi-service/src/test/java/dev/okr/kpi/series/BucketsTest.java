package dev.okr.kpi.series;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.okr.kpi.kpi.Aggregation;
import dev.okr.kpi.series.SeriesApi.Bucket;
import dev.okr.kpi.series.SeriesApi.Point;
import dev.okr.kpi.tally.Tally;

/** Every bucket of a series, carried where nothing was measured, and a formula's from its inputs'. */
class BucketsTest {

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    private static final List<Instant> DAYS = List.of(at("2026-11-01T00:00:00Z"), at("2026-11-02T00:00:00Z"), at("2026-11-03T00:00:00Z"),
            at("2026-11-04T00:00:00Z"));
    private static final Map<Instant, Tally> SECOND_DAY = Map.of(at("2026-11-02T00:00:00Z"),
            Tally.of(4, at("2026-11-02T10:00:00Z"), 1).plus(Tally.of(6, at("2026-11-02T11:00:00Z"), 2)));

    @Test
    void shouldListEveryBucketThatOverlapsTheRange() {
        assertEquals(DAYS, Buckets.starts(at("2026-11-01T05:00:00Z"), at("2026-11-04T00:00:01Z"), Bucket.DAY));
        // weeks from the Monday of the first; months from the first of the month
        assertEquals(List.of(at("2026-10-26T00:00:00Z"), at("2026-11-02T00:00:00Z")),
                Buckets.starts(at("2026-11-01T00:00:00Z"), at("2026-11-03T00:00:00Z"), Bucket.WEEK));
        assertEquals(List.of(at("2026-11-01T00:00:00Z"), at("2026-12-01T00:00:00Z"), at("2027-01-01T00:00:00Z")),
                Buckets.starts(at("2026-11-15T00:00:00Z"), at("2027-01-02T00:00:00Z"), Bucket.MONTH));
    }

    @Test
    void shouldCarryZeroForWhatAddsUpAndTheLastValueOtherwise() {
        List<Point> sums = Buckets.fill(DAYS, SECOND_DAY, Aggregation.SUM);
        assertEquals(Arrays.asList(0.0, 10.0, 0.0, 0.0), sums.stream().map(Point::value).toList());
        assertEquals(List.of(true, false, true, true), sums.stream().map(Point::carried).toList());
        assertEquals(List.of(0L, 2L, 0L, 0L), sums.stream().map(Point::count).toList());
        List<Point> lasts = Buckets.fill(DAYS, SECOND_DAY, Aggregation.LAST);
        assertEquals(Arrays.asList(null, 6.0, 6.0, 6.0), lasts.stream().map(Point::value).toList());
        assertEquals(Arrays.asList(null, 5.0, 5.0, 5.0), Buckets.fill(DAYS, SECOND_DAY, Aggregation.AVG).stream().map(Point::value).toList());
        assertEquals(Arrays.asList(0.0, 2.0, 0.0, 0.0), Buckets.fill(DAYS, SECOND_DAY, Aggregation.COUNT).stream().map(Point::value).toList());
    }

    @Test
    void shouldComputeAFormulaBucketByBucket() {
        Map<String, List<Point>> inputs = Map.of("spend", Buckets.fill(DAYS, SECOND_DAY, Aggregation.SUM), "stock",
                Buckets.fill(DAYS, SECOND_DAY, Aggregation.LAST));
        List<Point> ratio = Buckets.combine(DAYS, inputs, values -> values.size() < 2 ? null : values.get("spend") / values.get("stock"));
        assertEquals(Arrays.asList(null, 10.0 / 6, 0.0, 0.0), ratio.stream().map(Point::value).toList());
        assertEquals(List.of(true, false, true, true), ratio.stream().map(Point::carried).toList());
        assertEquals(List.of(0L, 4L, 0L, 0L), ratio.stream().map(Point::count).toList());
    }
}

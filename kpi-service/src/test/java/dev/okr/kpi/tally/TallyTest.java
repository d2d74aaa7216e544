package dev.okr.kpi.tally;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.okr.kpi.kpi.Aggregation;

class TallyTest {

    private static final Instant NINE = Instant.parse("2026-11-20T09:00:00Z");
    private static final Instant TEN = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void eachAggregationIsAnsweredFromATally() {
        Tally tally = Tally.of(4, NINE, 1).plus(Tally.of(10, TEN, 2)).plus(Tally.of(-1, NINE, 3));
        assertEquals(13.0, Aggregation.SUM.of(tally));
        assertEquals(3.0, Aggregation.COUNT.of(tally));
        assertEquals(13.0 / 3, Aggregation.AVG.of(tally));
        assertEquals(-1.0, Aggregation.MIN.of(tally));
        assertEquals(10.0, Aggregation.MAX.of(tally));
        // the latest by observation time, though it was not the last added
        assertEquals(10.0, Aggregation.LAST.of(tally));
        assertEquals(TEN, tally.lastAt());
        assertEquals(2, tally.lastId());
    }

    @Test
    void theLastOfTwoObservedAtTheSameTimeIsTheOneStoredLater() {
        Tally earlierId = Tally.of(5, TEN, 7);
        Tally laterId = Tally.of(6, TEN, 8);
        assertEquals(6.0, Aggregation.LAST.of(earlierId.plus(laterId)));
        assertEquals(6.0, Aggregation.LAST.of(laterId.plus(earlierId)));
    }

    @Test
    void nothingMeasuredIsNoValueExceptACountOfZero() {
        assertEquals(0.0, Aggregation.COUNT.of(Tally.NONE));
        for (Aggregation a : new Aggregation[] {Aggregation.SUM, Aggregation.AVG, Aggregation.MIN, Aggregation.MAX, Aggregation.LAST}) {
            assertNull(a.of(Tally.NONE), a.name());
        }
        Tally one = Tally.of(3, NINE, 1);
        assertSame(one, Tally.NONE.plus(one));
        assertSame(one, one.plus(Tally.NONE));
    }

    @Test
    void combiningIsTheSameInEitherOrder() {
        Tally a = Tally.of(2.5, NINE, 4).plus(Tally.of(7, NINE, 5));
        Tally b = Tally.of(-3, TEN, 1).plus(Tally.of(7, NINE, 9));
        assertEquals(a.plus(b), b.plus(a));
        assertEquals(new Tally(4, 13.5, -3, 7, -3, TEN, 1), a.plus(b));
    }
}

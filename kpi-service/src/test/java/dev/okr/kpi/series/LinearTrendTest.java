package dev.okr.kpi.series;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.okr.kpi.series.LinearTrend.Point;

class LinearTrendTest {

    @Test
    void shouldFitAnExactLine() {
        LinearTrend t = LinearTrend.fit(List.of(new Point(0, 1), new Point(1, 3), new Point(2, 5)));
        assertEquals(2.0, t.slope(), 1e-12);
        assertEquals(1.0, t.intercept(), 1e-12);
        assertEquals(21.0, t.at(10), 1e-12);
    }

    @Test
    void shouldFitTheLeastSquaresLineThroughNoisyPoints() {
        // (0,0) (1,1) (2,1) (3,3): mean x 1.5, mean y 1.25, Sxy 4.5, Sxx 5 → slope 0.9, intercept −0.1
        LinearTrend t = LinearTrend.fit(List.of(new Point(0, 0), new Point(1, 1), new Point(2, 1), new Point(3, 3)));
        assertEquals(0.9, t.slope(), 1e-12);
        assertEquals(-0.1, t.intercept(), 1e-12);
    }

    @Test
    void shouldNotFitFewerThanTwoDistinctPoints() {
        assertNull(LinearTrend.fit(List.of(new Point(1, 1))));
        assertNull(LinearTrend.fit(List.of(new Point(1, 1), new Point(1, 5))));
        assertNull(LinearTrend.fit(List.of()));
    }

    @Test
    void shouldMeasureGrowth() {
        assertEquals(0.5, LinearTrend.growth(10.0, 15.0), 1e-12);
        assertEquals(-0.2, LinearTrend.growth(10.0, 8.0), 1e-12);
        assertEquals(1.5, LinearTrend.growth(-2.0, 1.0), 1e-12);
        assertNull(LinearTrend.growth(0.0, 5.0));
        assertNull(LinearTrend.growth(null, 5.0));
    }
}

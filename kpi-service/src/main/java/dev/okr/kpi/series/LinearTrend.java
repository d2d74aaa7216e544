package dev.okr.kpi.series;

import java.util.List;

/**
 * Least-squares line through points (x, y): y = intercept + slope · x. Plain arithmetic, so the forecast
 * is easy to check by hand.
 */
public record LinearTrend(double slope, double intercept) {

    public record Point(double x, double y) {
    }

    /** The line through the points, or null with fewer than two distinct x. */
    public static LinearTrend fit(List<Point> points) {
        int n = points.size();
        if (n < 2) {
            return null;
        }
        double sx = 0;
        double sy = 0;
        for (Point p : points) {
            sx += p.x();
            sy += p.y();
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        for (Point p : points) {
            sxx += (p.x() - mx) * (p.x() - mx);
            sxy += (p.x() - mx) * (p.y() - my);
        }
        if (sxx == 0) {
            return null;
        }
        double slope = sxy / sxx;
        return new LinearTrend(slope, my - slope * mx);
    }

    public double at(double x) {
        return intercept + slope * x;
    }

    /** Period-over-period growth as a share: (current − previous) / |previous|; null when previous is 0 or unknown. */
    public static Double growth(Double previous, Double current) {
        if (previous == null || current == null || previous == 0) {
            return null;
        }
        return (current - previous) / Math.abs(previous);
    }
}

package dev.okr.kpi.tally;

import java.time.Instant;

/**
 * What a set of measurements adds up to, kept so that two sets combine without their rows: how many, their
 * sum, lowest and highest value, and the latest of them (by observation time, then by id — the order LAST
 * follows). Every aggregation a KPI may have is answered from it ({@code Aggregation.of}).
 */
public record Tally(long count, double total, double low, double high, double lastValue, Instant lastAt, long lastId) {

    /** Nothing measured: the identity of {@link #plus}. */
    public static final Tally NONE = new Tally(0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, null, 0);

    public static Tally of(double value, Instant observedAt, long id) {
        return new Tally(1, value, value, value, value, observedAt, id);
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public Tally plus(Tally other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        boolean otherLater = other.lastAt.isAfter(lastAt) || (other.lastAt.equals(lastAt) && other.lastId > lastId);
        Tally later = otherLater ? other : this;
        return new Tally(count + other.count, total + other.total, Math.min(low, other.low), Math.max(high, other.high),
                later.lastValue, later.lastAt, later.lastId);
    }
}

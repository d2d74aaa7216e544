package dev.okr.kpi.kpi;

import dev.okr.kpi.tally.Tally;

/** How measurements in [timeframe start, now] become the KPI's value. */
public enum Aggregation {
    SUM, COUNT, AVG, LAST, MIN, MAX;

    /** Whether the value accumulates over the time frame (then its baseline defaults to 0 and its target is a trajectory). */
    public boolean accumulates() {
        return this == SUM || this == COUNT;
    }

    /** The value of measurements under this aggregation; null when nothing was measured, except COUNT, which is then 0. */
    public Double of(Tally tally) {
        if (tally.isEmpty()) {
            return this == COUNT ? 0.0 : null;
        }
        return switch (this) {
            case SUM -> tally.total();
            case COUNT -> (double) tally.count();
            case AVG -> tally.total() / tally.count();
            case MIN -> tally.low();
            case MAX -> tally.high();
            case LAST -> tally.lastValue();
        };
    }
}

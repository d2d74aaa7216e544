package dev.okr.kpi.kpi;

/** How measurements in [timeframe start, now] become the KPI's value. */
public enum Aggregation {
    SUM, COUNT, AVG, LAST, MIN, MAX;

    /** Whether the value accumulates over the time frame (then its baseline defaults to 0 and its target is a trajectory). */
    public boolean accumulates() {
        return this == SUM || this == COUNT;
    }
}

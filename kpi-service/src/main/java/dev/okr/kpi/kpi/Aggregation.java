package dev.okr.kpi.kpi;

/** How measurements in [timeframe start, now] become the KPI's value. */
public enum Aggregation {
    SUM, COUNT, AVG, LAST, MIN, MAX;

    /** Whether the value accumulates over the time frame (then its baseline defaults to 0 and its target is a trajectory). */
    public boolean accumulates() {
        return this == SUM || this == COUNT;
    }

    /** The SQL aggregate over {@code measurement} rows (columns {@code value}, {@code observed_at}, {@code id}). */
    public String sql() {
        return switch (this) {
            case SUM -> "sum(value)";
            case COUNT -> "count(*)::float8";
            case AVG -> "avg(value)";
            case MIN -> "min(value)";
            case MAX -> "max(value)";
            case LAST -> "(array_agg(value order by observed_at desc, id desc))[1]";
        };
    }
}

package dev.okr.kpi.kpi;

import java.time.Duration;

/** How often a KPI is expected to be measured; a KPI silent for 1.5 periods has no data. */
public enum Frequency {
    DAILY(Duration.ofDays(1)), WEEKLY(Duration.ofDays(7)), MONTHLY(Duration.ofDays(30)), QUARTERLY(Duration.ofDays(91));

    private final Duration period;

    Frequency(Duration period) {
        this.period = period;
    }

    public Duration period() {
        return period;
    }

    /** How long a KPI may stay silent before its status is NO_DATA: 1.5 periods. */
    public Duration staleAfter() {
        return period.plus(period.dividedBy(2));
    }

    public String adverb() {
        return name().toLowerCase();
    }
}

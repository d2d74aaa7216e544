package dev.okr.kpi.status;

/**
 * A KPI's status (DESIGN.md §2). {@link #severity()} orders them for "the worst of" several dimension
 * values: a KPI whose integration went quiet for one project is worse than one at risk, better than
 * one off track.
 */
public enum KpiStatus {
    ON_TRACK(0), AT_RISK(1), NO_DATA(2), OFF_TRACK(3), ACHIEVED(0), MISSED(3);

    private final int severity;

    KpiStatus(int severity) {
        this.severity = severity;
    }

    public int severity() {
        return severity;
    }
}

package dev.okr.kpi.kpi;

/** How a KPI's value is compared with its target. */
public enum Operator {
    /** At least the target (leads, revenue, ROI). */
    AT_LEAST,
    /** At most the target (cost per lead, response time). */
    AT_MOST,
    /** Between the target and its upper value (a band to stay within). */
    BETWEEN
}

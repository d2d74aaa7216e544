package dev.okr.kpi.status;

/** A status with the reason a person can read, and the value expected today (null when none applies). */
public record Evaluation(KpiStatus status, String reason, Double expected) {
}

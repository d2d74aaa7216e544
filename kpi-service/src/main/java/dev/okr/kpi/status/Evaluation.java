package dev.okr.kpi.status;

/**
 * A status with the reason a person can read, the value expected today (null when none applies), and how far the
 * value misses what is expected relative to the size of the target ({@code shortfall}: 0 when met or not judged;
 * 0.1 is a tenth of the target, or of the planned change from the baseline, short), which ranks dimension values
 * of the same status.
 */
public record Evaluation(KpiStatus status, String reason, Double expected, double shortfall) {

    public Evaluation(KpiStatus status, String reason, Double expected) {
        this(status, reason, expected, 0);
    }
}

package dev.okr.kpi.status;

import java.time.LocalDate;

import dev.okr.kpi.kpi.Aggregation;
import dev.okr.kpi.kpi.Frequency;
import dev.okr.kpi.kpi.Operator;

/**
 * What a KPI's status is judged against: its target, time frame (both days included), tracking
 * frequency and aggregation, in plain values.
 *
 * @param atRiskBand the share of |target − baseline| (or of |target| for a threshold, of the band's
 *                   width for BETWEEN) by which the value may miss and still be at risk (default 0.10)
 */
public record Target(Operator operator, double value, Double upperValue, Double baseline, LocalDate start, LocalDate end,
        Frequency frequency, Aggregation aggregation, double atRiskBand, String unit) {

    /** The baseline in force: the given one, else 0 for a KPI that accumulates, else none (a threshold). */
    public Double effectiveBaseline() {
        if (baseline != null) {
            return baseline;
        }
        return aggregation.accumulates() ? 0.0 : null;
    }
}

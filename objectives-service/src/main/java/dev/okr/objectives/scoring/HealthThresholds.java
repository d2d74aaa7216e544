package dev.okr.objectives.scoring;

/**
 * The organisation's health settings (DESIGN.md §2 gives the defaults).
 *
 * @param onTrackMargin       how far behind the expected progress still counts as on track (0.10)
 * @param atRiskMargin        how far behind still counts as at risk rather than off track (0.25)
 * @param lowConfidence       a latest confidence at or below this (0–10) caps health at at risk (3)
 * @param aspirationalAchieved the final score at which an aspirational objective counts as achieved (0.7)
 */
public record HealthThresholds(double onTrackMargin, double atRiskMargin, int lowConfidence, double aspirationalAchieved) {

    public static final HealthThresholds DEFAULTS = new HealthThresholds(0.10, 0.25, 3, 0.7);
}

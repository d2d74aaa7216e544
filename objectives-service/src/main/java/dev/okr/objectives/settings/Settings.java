package dev.okr.objectives.settings;

import dev.okr.objectives.keyresult.Cadence;
import dev.okr.objectives.scoring.Guidance;
import dev.okr.objectives.scoring.HealthThresholds;

/**
 * An organisation's OKR settings: how health is judged, what an objective is advised to look like, and how often
 * key results are checked in on unless they say otherwise.
 */
public record Settings(HealthThresholds thresholds, Guidance guidance, Cadence cadence) {

    public static final Settings DEFAULTS = new Settings(HealthThresholds.DEFAULTS, Guidance.DEFAULTS, Cadence.DEFAULT);
}

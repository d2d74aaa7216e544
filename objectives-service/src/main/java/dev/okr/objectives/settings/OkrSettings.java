package dev.okr.objectives.settings;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import dev.okr.objectives.scoring.HealthThresholds;

/** An organisation's own health thresholds (absent: the defaults). */
@Entity
public class OkrSettings {

    @Id
    public UUID organisationId;
    public double onTrackMargin;
    public double atRiskMargin;
    public int lowConfidence;
    public double aspirationalAchieved;
    /** Counted by {@link SettingsService}: the defaults are version 0, the first saved settings version 1. */
    public long version;
    public Instant updatedAt;

    public HealthThresholds thresholds() {
        return new HealthThresholds(onTrackMargin, atRiskMargin, lowConfidence, aspirationalAchieved);
    }
}

package dev.okr.objectives.settings;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

import dev.okr.objectives.keyresult.Cadence;
import dev.okr.objectives.scoring.Guidance;
import dev.okr.objectives.scoring.HealthThresholds;

/** An organisation's own settings (absent: the defaults). */
@Entity
public class OkrSettings {

    @Id
    public UUID organisationId;
    public double onTrackMargin;
    public double atRiskMargin;
    public int lowConfidence;
    public double aspirationalAchieved;
    public int minKeyResults;
    public int maxKeyResults;
    @Enumerated(EnumType.STRING)
    public Cadence checkInCadence;
    /** Counted by {@link SettingsService}: the defaults are version 0, the first saved settings version 1. */
    public long version;
    public Instant updatedAt;

    public Settings settings() {
        return new Settings(new HealthThresholds(onTrackMargin, atRiskMargin, lowConfidence, aspirationalAchieved),
                new Guidance(minKeyResults, maxKeyResults), checkInCadence);
    }
}

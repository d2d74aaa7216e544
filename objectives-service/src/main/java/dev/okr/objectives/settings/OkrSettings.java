package dev.okr.objectives.settings;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

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
    @Version
    public long version;
    public Instant updatedAt;

    public HealthThresholds thresholds() {
        return new HealthThresholds(onTrackMargin, atRiskMargin, lowConfidence, aspirationalAchieved);
    }
}

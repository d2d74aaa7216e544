package dev.okr.kpi.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import dev.okr.kpi.status.KpiStatus;
import dev.okr.kpi.status.Target;

/**
 * A KPI: its definition (target, time frame, data source, frequency, aggregation) and its computed
 * state (value, status). Ingestion updates the state with SQL, bumping the version; only a change of the
 * definition moves the revision, which is what the ETag names.
 */
@Entity
public class Kpi {

    public enum SourceType {
        MANUAL, INTEGRATION, FORMULA
    }

    @Id
    public UUID id;
    public UUID organisationId;
    public String key;
    public String name;
    public String description;
    public String unit;
    @Enumerated(EnumType.STRING)
    public Operator targetOperator;
    public double targetValue;
    public Double targetUpperValue;
    public Double baseline;
    public LocalDate timeframeStart;
    public LocalDate timeframeEnd;
    /** For a recurring KPI: its periods' length and anchor; its time frame is then its current period. */
    @Enumerated(EnumType.STRING)
    public Recurrence.Every periodEvery;
    public LocalDate periodAnchor;
    @Enumerated(EnumType.STRING)
    public SourceType sourceType;
    public String sourceSystem;
    public String formula;
    @Enumerated(EnumType.STRING)
    public Frequency frequency;
    @Enumerated(EnumType.STRING)
    public Aggregation aggregation;
    public String groupBy;
    public double atRiskBand;
    public String ownerId;
    public Double currentValue;
    @Enumerated(EnumType.STRING)
    public KpiStatus status;
    public String statusReason;
    public Instant lastMeasuredAt;
    public Instant archivedAt;
    /** Counts every change of the row, measurements included: it orders the KPI's events. */
    @Version
    public long version;
    /** Counts the changes of its definition (and archiving): the ETag. */
    public long revision;
    public Instant createdAt;
    public Instant updatedAt;

    public Target target() {
        return new Target(targetOperator, targetValue, targetUpperValue, baseline, timeframeStart, timeframeEnd, frequency,
                aggregation, atRiskBand, unit);
    }
}

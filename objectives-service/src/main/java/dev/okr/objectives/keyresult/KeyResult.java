package dev.okr.objectives.keyresult;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A key result of an objective. Its progress follows from its type and values ({@link KeyResultRules}). */
@Entity
public class KeyResult {

    @Schema(name = "KeyResultType")
    public enum Type {
        NUMERIC, BOOLEAN, MILESTONES, KPI_LINKED
    }

    @Id
    public UUID id;
    public UUID objectiveId;
    public UUID organisationId;
    public int position;
    public String title;
    @Enumerated(EnumType.STRING)
    public Type type;
    public String unit;
    public Double startValue;
    public Double targetValue;
    public Double currentValue;
    public boolean done;
    public UUID kpiId;
    /** For a KPI_LINKED key result: its KPI's name, as the KPI's last event gave it. */
    public String kpiName;
    /** For a KPI_LINKED key result whose KPI has no data (NO_DATA): since when (its last measurement). */
    public Instant kpiStaleSince;
    public String direction;
    public double weight;
    /** How often it is checked in on; null: the organisation's cadence. */
    @Enumerated(EnumType.STRING)
    public Cadence cadence;
    public Integer latestConfidence;
    public Instant lastCheckInAt;
    public Instant removedAt;
    @Version
    public long version;
    /** Counts the changes a person makes (its definition, a check-in), not a KPI's values: the ETag. */
    public long revision;
    public Instant createdAt;
    public Instant updatedAt;
}

package dev.okr.objectives.kpi;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** What this service knows of a KPI of kpi-service, from its events: a read model, never written by users. */
@Entity
public class KpiSnapshot {

    @Id
    public UUID kpiId;
    public UUID organisationId;
    public String key;
    public String name;
    public String unit;
    public String operator;
    public double targetValue;
    public Double baseline;
    public Double currentValue;
    public Instant lastMeasuredAt;
    public String status;
    /** For a recurring KPI: MONTH, QUARTER or YEAR; null for a KPI with one time frame. */
    public String periodEvery;
    /** How its measurements become its value (LAST, SUM, COUNT…); null when its events did not say. */
    public String aggregation;
    public boolean archived;
    public long version;
    public Instant updatedAt;

    /** Whether each of its periods starts again from its baseline (0 unless given): a recurring KPI that adds up. */
    public boolean restartsEachPeriod() {
        return periodEvery != null && ("SUM".equals(aggregation) || "COUNT".equals(aggregation));
    }

    /** Since when the KPI has had no data, when its status is NO_DATA: its last measurement, else when it was told so. */
    public Instant staleSince() {
        if (!"NO_DATA".equals(status)) {
            return null;
        }
        // to the microsecond, as PostgreSQL keeps it: a value read back compares equal to one computed here
        return (lastMeasuredAt != null ? lastMeasuredAt : updatedAt).truncatedTo(ChronoUnit.MICROS);
    }
}

package dev.okr.objectives.kpi;

import java.time.Instant;
import java.time.LocalDate;
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
    /** The first and last day of the time frame its value is about: a recurring KPI's current period. */
    public LocalDate periodStart;
    public LocalDate periodEnd;
    /** How its measurements become its value (LAST, SUM, COUNT…); null when its events did not say. */
    public String aggregation;
    public boolean archived;
    public long version;
    public Instant updatedAt;

    /** Whether each of its periods starts again from its baseline (0 unless given): a recurring KPI that adds up. */
    public boolean restartsEachPeriod() {
        return periodEvery != null && ("SUM".equals(aggregation) || "COUNT".equals(aggregation));
    }

    /** Whether its value is about days of [{@code start}, {@code end}] (as {@code KpiChanged.concerns} says of its events). */
    public boolean concerns(LocalDate start, LocalDate end) {
        return periodEvery == null || periodStart == null || periodEnd == null
                || !periodStart.isAfter(end) && !periodEnd.isBefore(start);
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

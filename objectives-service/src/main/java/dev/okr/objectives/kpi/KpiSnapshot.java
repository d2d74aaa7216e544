package dev.okr.objectives.kpi;

import java.time.Instant;
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
    public String status;
    public boolean archived;
    public long version;
    public Instant updatedAt;
}

package dev.okr.alignment.kpi;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** What alignment-service knows of a KPI, from kpi-service's events: enough to show it where it is attached. */
@Entity
public class KpiNode {

    @Id
    public UUID id;
    public UUID organisationId;
    public String key;
    public String name;
    public String unit;
    public Double currentValue;
    public String status;
    public boolean archived;
    public long version;
}

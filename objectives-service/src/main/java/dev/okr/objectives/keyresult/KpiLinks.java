package dev.okr.objectives.keyresult;

import java.time.LocalDate;
import java.util.UUID;

import io.smallrye.mutiny.Uni;

/** What a KPI_LINKED key result takes from its KPI; the KPIs as kpi-service reports them answer it. */
public interface KpiLinks {

    /**
     * Links the key result to its KPI, which must be one of the organisation's (else a problem naming
     * {@code field.kpiId}): direction and unit from the KPI, target and start unless given, the current value now.
     */
    Uni<Void> link(UUID organisationId, LocalDate cycleStart, LocalDate cycleEnd, KeyResult kr, String field);

    /**
     * A KPI_LINKED key result carried into another cycle: a recurring KPI gives it start, target and value afresh from
     * its period for that cycle (as a new key result takes them); any other KPI leaves what the copy carried (its start
     * where the old one ended). Never refuses: a KPI gone since leaves the copy as it is.
     */
    Uni<Void> carry(UUID organisationId, LocalDate cycleStart, LocalDate cycleEnd, KeyResult copy);
}

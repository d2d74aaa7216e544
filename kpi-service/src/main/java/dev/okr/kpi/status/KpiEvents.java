package dev.okr.kpi.status;

/** The CloudEvents types of okr.kpis.v1; each carries the KPI's state after the change (KpiState). */
public final class KpiEvents {

    public static final String CREATED = "dev.okr.kpi.created";
    public static final String UPDATED = "dev.okr.kpi.updated";
    public static final String MEASURED = "dev.okr.kpi.measured";
    public static final String ARCHIVED = "dev.okr.kpi.archived";

    private KpiEvents() {
    }
}

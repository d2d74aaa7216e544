package dev.okr.contracts;

/** The Kafka topics between services (DESIGN.md §5). Keys are aggregate ids. */
public final class Topics {

    public static final String OBJECTIVES = "okr.objectives.v1";
    public static final String KPIS = "okr.kpis.v1";
    public static final String ALIGNMENT = "okr.alignment.v1";

    private Topics() {
    }
}

package dev.okr.objectives.objective;

/** The CloudEvents types of okr.objectives.v1 for objectives; each carries the objective's state after the change. */
public final class ObjectiveEvents {

    public static final String CREATED = "dev.okr.objective.created";
    public static final String UPDATED = "dev.okr.objective.updated";
    public static final String CHECKED_IN = "dev.okr.objective.checked-in";
    public static final String ARCHIVED = "dev.okr.objective.archived";
    public static final String CLOSED = "dev.okr.objective.closed";

    private ObjectiveEvents() {
    }
}

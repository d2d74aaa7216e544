package dev.okr.objectives.history;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * A key result's (or, without {@code keyResultId}, an objective's) state from the moment {@code at} on, until its next
 * point: what a series is read from. Written with the change that made it, never changed afterwards — except the
 * hour's point of what a KPI moves ({@link #KPI}), which takes the hour's later values.
 */
@Entity
public class ProgressPoint {

    /** The source of a point that follows a KPI's value: such points are kept one per hour, the last of it. */
    public static final String KPI = "kpi";

    @Id
    public UUID id;
    public UUID organisationId;
    public UUID objectiveId;
    /** null: a point about the objective itself (its roll-up, health and score) */
    public UUID keyResultId;
    /** the moment the state became true: a check-in's date, a KPI value's observation, else when it was recorded */
    public Instant at;
    public Instant recordedAt;
    /** what recorded it: the objective event's type, or {@link #KPI} */
    public String source;
    public double progress;
    public Double value;
    /** a check-in's confidence: set only on points a check-in recorded */
    public Integer confidence;
    public String health;
    public Double score;

    public static ProgressPoint of(UUID organisationId, UUID objectiveId, UUID keyResultId, Instant at, Instant recordedAt,
            String source, double progress) {
        ProgressPoint p = new ProgressPoint();
        p.id = UUID.randomUUID();
        p.organisationId = organisationId;
        p.objectiveId = objectiveId;
        p.keyResultId = keyResultId;
        p.at = at;
        p.recordedAt = recordedAt;
        p.source = source;
        p.progress = progress;
        return p;
    }
}

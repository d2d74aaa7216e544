package dev.okr.objectives.checkin;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A key result's new value (or state), with the author's confidence and note. Never changed afterwards. */
@Entity
public class CheckIn {

    @Id
    public UUID id;
    public UUID keyResultId;
    public UUID objectiveId;
    public UUID organisationId;
    public Double value;
    public Boolean done;
    public String completedMilestones;
    public double progress;
    public int confidence;
    public String note;
    public String author;
    /** the moment it speaks for: when it was recorded, or earlier (a check-in dated in the past) */
    public Instant checkedInAt;
    /** when it was recorded */
    public Instant createdAt;
}

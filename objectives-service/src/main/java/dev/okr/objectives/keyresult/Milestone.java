package dev.okr.objectives.keyresult;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** One weighted step of a MILESTONES key result, in its order. */
@Entity
public class Milestone {

    @Id
    public UUID id;
    public UUID keyResultId;
    public int position;
    public String title;
    public double weight;
    public Instant completedAt;
}

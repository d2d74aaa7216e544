package dev.okr.alignment.objective;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/**
 * What alignment-service knows of an objective, kept from objectives-service's events (never written by
 * users), with the roll-up this service computes for it.
 */
@Entity
public class ObjectiveNode {

    @Id
    public UUID id;
    public UUID organisationId;
    public UUID cycleId;
    public String title;
    public String ownerType;
    public String ownerId;
    public String status;
    public String health;
    public Double ownProgress;
    public double rollup;
    public long rollupVersion;
    /** The version of its set of parent links (the ETag of GET and PUT …/parents), moved by each change of them. */
    public long parentsVersion;
    public long version;
    /** The objective this one was carried over from (a roll-over into another cycle), if any. */
    public UUID rolledOverFrom;
    public Instant updatedAt;
    /**
     * When its current state became true: what its history ({@code objective_node_point}, written by a trigger) dates it
     * by. A moment before its latest point (a check-in dated in the past) also gets a point now, so that its latest point
     * is its current state.
     */
    public Instant effectiveAt;
}

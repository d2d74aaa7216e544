package dev.okr.objectives.objective;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.okr.objectives.scoring.Health;

/**
 * An objective, the aggregate its key results belong to: any change to a key result changes the
 * objective too (its progress, its {@code updatedAt}), so its {@code version} counts every change; its
 * {@code revision} counts only what a client edits.
 */
@Entity
public class Objective {

    @Schema(name = "ObjectiveKind")
    public enum Kind {
        COMMITTED, ASPIRATIONAL
    }

    @Schema(name = "ObjectiveStatus")
    public enum Status {
        /** In a running or upcoming cycle: key results and check-ins change. */
        ACTIVE,
        /** Its cycle closed: frozen, with its final score. */
        CLOSED,
        /** Taken out of use; kept with its history. */
        ARCHIVED
    }

    @Schema(name = "OwnerType")
    public enum OwnerType {
        COMPANY, UNIT, PERSON
    }

    @Id
    public UUID id;
    public UUID organisationId;
    public UUID cycleId;
    public String title;
    public String description;
    @Enumerated(EnumType.STRING)
    public OwnerType ownerType;
    public String ownerId;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    @Enumerated(EnumType.STRING)
    public Status status;
    public Double progress;
    @Enumerated(EnumType.STRING)
    public Health health;
    public Double score;
    public Double rollupProgress;
    public long rollupVersion;
    public UUID rolledOverFrom;
    /** The objective this one was carried into (not archived), if any: read with the objective, never stored. */
    @Transient
    public UUID rolledOverTo;
    /** Counts every change of the row: it orders the objective's events. */
    @Version
    public long version;
    /** Counts the changes of what a client edits (title, description, owner, kind, its key results' list): the ETag. */
    public long revision;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant closedAt;
}

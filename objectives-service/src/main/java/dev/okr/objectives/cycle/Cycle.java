package dev.okr.objectives.cycle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A named period objectives belong to. Rules live in {@link CyclePeriod}; this is its stored state. */
@Entity
public class Cycle {

    @Schema(name = "CycleStatus")
    public enum Status {
        OPEN, CLOSED
    }

    @Id
    public UUID id;
    public UUID organisationId;
    public String name;
    public LocalDate startDate;
    public LocalDate endDate;
    @Enumerated(EnumType.STRING)
    public Status status;
    public Instant closedAt;
    @Version
    public long version;
    public Instant createdAt;
    public Instant updatedAt;
}

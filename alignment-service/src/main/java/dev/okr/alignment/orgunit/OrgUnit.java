package dev.okr.alignment.orgunit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/** A unit of the organisation's structure. Which unit may sit under which is {@link OrgUnitType}'s rule. */
@Entity
public class OrgUnit {

    @Id
    public UUID id;
    public UUID organisationId;
    public UUID parentId;
    @Enumerated(EnumType.STRING)
    public OrgUnitType type;
    public String name;
    public String leadId;
    public Instant archivedAt;
    @Version
    public long version;
    public Instant createdAt;
    public Instant updatedAt;
}

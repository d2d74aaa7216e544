package dev.okr.kpi.integration;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/** An integration's API key, as stored: never the key itself, only its hash and a prefix to recognise it by. */
@Entity
public class IntegrationKey {

    @Id
    public UUID id;
    public UUID organisationId;
    public String name;
    public String keyPrefix;
    public String keyHash;
    public String createdBy;
    public Instant createdAt;
    public Instant revokedAt;
    @Version
    public long version;

    public boolean isActive() {
        return revokedAt == null;
    }

    /** A key's one change is its revocation: its version before (0) and after (1). */
    public long version() {
        return revokedAt == null ? 0 : 1;
    }
}

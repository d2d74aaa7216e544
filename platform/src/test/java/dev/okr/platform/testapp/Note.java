package dev.okr.platform.testapp;

import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A minimal aggregate for the platform's own tests. */
@Entity
public class Note extends PanacheEntityBase {

    @Id
    public UUID id;
    public UUID organisationId;
    public String text;
    @Version
    public long version;
}

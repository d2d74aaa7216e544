package dev.okr.kpi.integration;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.okr.platform.web.Cursor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class IntegrationKeyRepository implements PanacheRepositoryBase<IntegrationKey, UUID> {

    public Uni<IntegrationKey> findInOrganisation(UUID organisationId, UUID id) {
        return find("id = :id and organisationId = :org", Parameters.with("id", id).and("org", organisationId)).firstResult();
    }

    /** The same, its row locked until the transaction ends: changes of one key take turns. */
    public Uni<IntegrationKey> lockInOrganisation(UUID organisationId, UUID id) {
        return find("id = :id and organisationId = :org", Parameters.with("id", id).and("org", organisationId))
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<IntegrationKey> findActiveByHash(String hash) {
        return find("keyHash = ?1 and revokedAt is null", hash).firstResult();
    }

    public Uni<List<IntegrationKey>> page(UUID organisationId, Cursor after, int limit) {
        if (after == null) {
            return find("organisationId = ?1 order by createdAt, id", organisationId).range(0, limit - 1).list();
        }
        return find("organisationId = ?1 and (createdAt > ?2 or (createdAt = ?2 and id > ?3)) order by createdAt, id",
                organisationId, after.createdAt(), after.id()).range(0, limit - 1).list();
    }
}

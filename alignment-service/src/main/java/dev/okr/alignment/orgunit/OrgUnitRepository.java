package dev.okr.alignment.orgunit;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class OrgUnitRepository implements PanacheRepositoryBase<OrgUnit, UUID> {

    public Uni<OrgUnit> findInOrganisation(UUID organisationId, UUID id) {
        return find("id = :id and organisationId = :org and archivedAt is null",
                Parameters.with("id", id).and("org", organisationId)).firstResult();
    }

    /** The same, with its row locked until the transaction ends (for writes that must take turns). */
    public Uni<OrgUnit> lockInOrganisation(UUID organisationId, UUID id) {
        return find("id = :id and organisationId = :org and archivedAt is null",
                Parameters.with("id", id).and("org", organisationId)).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<Boolean> hasCompany(UUID organisationId) {
        return count("organisationId = ?1 and type = ?2", organisationId, OrgUnitType.COMPANY).map(n -> n > 0);
    }

    /** Every active unit of the organisation, parents before children of the same age, in creation order. */
    public Uni<List<OrgUnit>> allActive(UUID organisationId) {
        return find("organisationId = ?1 and archivedAt is null order by createdAt, id", organisationId).list();
    }
}

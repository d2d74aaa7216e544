package dev.okr.objectives.objective;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.objectives.scoring.Health;
import dev.okr.platform.web.Cursor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ObjectiveRepository implements PanacheRepositoryBase<Objective, UUID> {

    /** The filters of the objectives list; null means any. */
    public record Filter(UUID cycleId, Objective.OwnerType ownerType, String ownerId, Objective.Status status, Health health) {
    }

    public Uni<Objective> findInOrganisation(UUID organisationId, UUID id) {
        return find("id = :id and organisationId = :org", Parameters.with("id", id).and("org", organisationId)).firstResult();
    }

    public Uni<List<Objective>> page(UUID organisationId, Filter filter, Cursor after, int rows) {
        StringBuilder q = new StringBuilder("organisationId = :org");
        Parameters p = Parameters.with("org", organisationId);
        if (filter.cycleId() != null) {
            q.append(" and cycleId = :cycle");
            p.and("cycle", filter.cycleId());
        }
        if (filter.ownerType() != null) {
            q.append(" and ownerType = :ownerType");
            p.and("ownerType", filter.ownerType());
        }
        if (filter.ownerId() != null) {
            q.append(" and ownerId = :ownerId");
            p.and("ownerId", filter.ownerId());
        }
        if (filter.status() != null) {
            q.append(" and status = :status");
            p.and("status", filter.status());
        } else {
            q.append(" and status <> :archived");
            p.and("archived", Objective.Status.ARCHIVED);
        }
        if (filter.health() != null) {
            q.append(" and health = :health");
            p.and("health", filter.health());
        }
        if (after != null) {
            q.append(" and (createdAt > :at or (createdAt = :at and id > :id))");
            p.and("at", after.createdAt()).and("id", after.id());
        }
        q.append(" order by createdAt, id");
        return find(q.toString(), p).range(0, rows - 1).list();
    }

    public Uni<List<Objective>> activeInCycle(UUID organisationId, UUID cycleId) {
        return list("organisationId = ?1 and cycleId = ?2 and status = ?3", organisationId, cycleId, Objective.Status.ACTIVE);
    }
}

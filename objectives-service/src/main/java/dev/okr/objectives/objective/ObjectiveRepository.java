package dev.okr.objectives.objective;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.objectives.orgunit.OrgUnits;
import dev.okr.objectives.scoring.Health;
import dev.okr.platform.web.Cursor;
import dev.okr.platform.web.QueryParams;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ObjectiveRepository implements PanacheRepositoryBase<Objective, UUID> {

    /**
     * The filters of the objectives list; null means any. {@code unitId}: the objectives of the unit, of its sub-units
     * (with {@code includeDescendants}) and of their people. {@code archivedToo}: archived objectives as well, whatever the
     * status filter (an as-of read decides by the state then).
     */
    public record Filter(UUID cycleId, Objective.OwnerType ownerType, String ownerId, Objective.Status status, Health health,
            UUID unitId, boolean includeDescendants, boolean archivedToo) {

        /** The filters as the query gives them: a value that is not one of its field's is a 400 naming the field. */
        static Filter of(String cycleId, Objective.OwnerType ownerType, String ownerId, String status, String health, String unitId,
                String includeDescendants) {
            return new Filter(QueryParams.uuid("cycleId", cycleId), ownerType, ownerId,
                    QueryParams.enumValue("status", status, Objective.Status.class), QueryParams.enumValue("health", health, Health.class),
                    QueryParams.uuid("unitId", unitId), !Boolean.FALSE.equals(QueryParams.bool("includeDescendants", includeDescendants)),
                    false);
        }

        /** The same filter, archived objectives included. */
        Filter withArchived() {
            return new Filter(cycleId, ownerType, ownerId, status, health, unitId, includeDescendants, true);
        }
    }

    public Uni<Objective> findInOrganisation(UUID organisationId, UUID id) {
        return find("id = :id and organisationId = :org", Parameters.with("id", id).and("org", organisationId)).firstResult();
    }

    /** A page of the organisation's objectives; {@code unit}: only those the unit stands for (the filter's unitId). */
    public Uni<List<Objective>> page(UUID organisationId, Filter filter, OrgUnits.Scope unit, Cursor after, int rows) {
        StringBuilder q = new StringBuilder("organisationId = :org");
        Parameters p = Parameters.with("org", organisationId);
        if (unit != null) {
            q.append(" and ((ownerType = :unitType and ownerId in :units)");
            p.and("unitType", Objective.OwnerType.UNIT).and("units", unit.unitIds());
            if (!unit.people().isEmpty()) {
                q.append(" or (ownerType = :personType and ownerId in :people)");
                p.and("personType", Objective.OwnerType.PERSON).and("people", unit.people());
            }
            if (unit.company()) {
                q.append(" or ownerType = :companyType");
                p.and("companyType", Objective.OwnerType.COMPANY);
            }
            q.append(")");
        }
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
        } else if (!filter.archivedToo()) {
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

    /**
     * Up to {@code limit} active objectives (ids after {@code after}, in order) whose cycle runs today or ended in the
     * last two days: those whose health the passage of time may change.
     */
    public Uni<List<UUID>> activeInCyclesRunning(LocalDate today, UUID after, int limit) {
        return getSession().chain(s -> s.createSelectionQuery("select o.id from Objective o where o.status = :active "
                + "and o.id > :after and o.cycleId in (select c.id from Cycle c where c.startDate <= :start and c.endDate >= :end) "
                + "order by o.id", UUID.class)
                .setParameter("active", Objective.Status.ACTIVE).setParameter("after", after)
                .setParameter("start", today.plusDays(1)).setParameter("end", today.minusDays(2))
                .setMaxResults(limit).getResultList());
    }

    /** The ids of the organisation's active objectives in this cycle. */
    public Uni<List<UUID>> activeInCycle(UUID organisationId, UUID cycleId) {
        return getSession().chain(s -> s.createSelectionQuery("select o.id from Objective o where o.organisationId = :org "
                + "and o.cycleId = :cycle and o.status = :active", UUID.class)
                .setParameter("org", organisationId).setParameter("cycle", cycleId)
                .setParameter("active", Objective.Status.ACTIVE).getResultList());
    }
}

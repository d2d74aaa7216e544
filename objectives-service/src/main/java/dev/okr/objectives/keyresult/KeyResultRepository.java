package dev.okr.objectives.keyresult;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class KeyResultRepository implements PanacheRepositoryBase<KeyResult, UUID> {

    public Uni<KeyResult> findInOrganisation(UUID organisationId, UUID id) {
        return find("id = :id and organisationId = :org and removedAt is null",
                Parameters.with("id", id).and("org", organisationId)).firstResult();
    }

    /** The objective this organisation's key result (in use) belongs to, or null. Not an entity: nothing is loaded before its objective is locked. */
    public Uni<UUID> objectiveOf(UUID organisationId, UUID keyResultId) {
        return getSession().chain(s -> s.createSelectionQuery("select k.objectiveId from KeyResult k "
                + "where k.id = :id and k.organisationId = :org and k.removedAt is null", UUID.class)
                .setParameter("id", keyResultId).setParameter("org", organisationId).getSingleResultOrNull());
    }

    /** The active objectives with a key result (in use) that follows this KPI: closed ones keep their final values. */
    public Uni<List<UUID>> objectivesFollowing(UUID kpiId) {
        return getSession().chain(s -> s.createNativeQuery("select distinct k.objective_id from key_result k "
                + "join objective o on o.id = k.objective_id where k.kpi_id = :kpi and k.removed_at is null and o.status = 'ACTIVE'",
                UUID.class).setParameter("kpi", kpiId).getResultList());
    }

    /** The key results in use of these objectives, each objective's in its order. */
    public Uni<List<KeyResult>> activeOf(Collection<UUID> objectiveIds) {
        if (objectiveIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("objectiveId in ?1 and removedAt is null order by objectiveId, position", objectiveIds);
    }
}

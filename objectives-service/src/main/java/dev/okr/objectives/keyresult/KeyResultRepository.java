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

    /** The key results in use of these objectives, each objective's in its order. */
    public Uni<List<KeyResult>> activeOf(Collection<UUID> objectiveIds) {
        if (objectiveIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("objectiveId in ?1 and removedAt is null order by objectiveId, position", objectiveIds);
    }

    public Uni<List<KeyResult>> followingKpi(UUID kpiId) {
        return list("kpiId = ?1 and removedAt is null", kpiId);
    }
}

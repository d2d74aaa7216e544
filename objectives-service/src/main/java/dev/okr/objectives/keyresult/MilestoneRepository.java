package dev.okr.objectives.keyresult;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MilestoneRepository implements PanacheRepositoryBase<Milestone, UUID> {

    public Uni<List<Milestone>> of(Collection<UUID> keyResultIds) {
        if (keyResultIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("keyResultId in ?1 order by keyResultId, position", keyResultIds);
    }
}

package dev.okr.objectives.history;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ProgressPoints implements PanacheRepositoryBase<ProgressPoint, UUID> {

    /** The objective's points and its key results', up to {@code until}, oldest first. */
    public Uni<List<ProgressPoint>> ofObjective(UUID objectiveId, Instant until) {
        return list("objectiveId = ?1 and at < ?2 order by at, recordedAt", objectiveId, until);
    }

    /** The key result's last point before {@code until}, or null. */
    public Uni<ProgressPoint> lastOf(UUID keyResultId, Instant until) {
        return find("keyResultId = ?1 and at < ?2 order by at desc, recordedAt desc", keyResultId, until).firstResult();
    }

    /** One key result's points up to {@code until}, oldest first. */
    public Uni<List<ProgressPoint>> ofKeyResult(UUID keyResultId, Instant until) {
        return list("keyResultId = ?1 and at < ?2 order by at, recordedAt", keyResultId, until);
    }
}

package dev.okr.objectives.cycle;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.Cursor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class CycleRepository implements PanacheRepositoryBase<Cycle, UUID> {

    /** The organisation's cycle with this id, or null: another organisation's cycle does not exist here. */
    public Uni<Cycle> findInOrganisation(UUID organisationId, UUID id) {
        return find("id = :id and organisationId = :org", Parameters.with("id", id).and("org", organisationId))
                .firstResult();
    }

    /**
     * The organisation's cycle that objectives may still join (not closed), or a problem naming {@code field}. Its row is
     * read with a share lock, so closing it (which locks it for update) waits for the objectives joining it, and those
     * that come after find it closed.
     */
    public Uni<Cycle> requireOpen(UUID organisationId, UUID cycleId, String field) {
        return find("id = :id and organisationId = :org", Parameters.with("id", cycleId).and("org", organisationId))
                .withLock(LockModeType.PESSIMISTIC_READ).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.invalid(field, "no cycle " + cycleId + " in your organisation"))
                .invoke(c -> {
                    if (c.status == Cycle.Status.CLOSED) {
                        throw ProblemException.conflict("Cycle " + c.name + " is closed: its objectives are frozen.");
                    }
                });
    }

    public Uni<Boolean> nameTaken(UUID organisationId, String name, UUID exceptId) {
        return count("organisationId = :org and lower(name) = lower(:name) and id <> :except",
                Parameters.with("org", organisationId).and("name", name).and("except", exceptId))
                .map(n -> n > 0);
    }

    /** A page in creation order, after {@code after}, with one extra row to tell whether more follow. */
    public Uni<List<Cycle>> page(UUID organisationId, Cycle.Status status, Cursor after, int limit) {
        StringBuilder query = new StringBuilder("organisationId = :org");
        Parameters params = Parameters.with("org", organisationId);
        if (status != null) {
            query.append(" and status = :status");
            params.and("status", status);
        }
        if (after != null) {
            query.append(" and (createdAt > :at or (createdAt = :at and id > :id))");
            params.and("at", after.createdAt()).and("id", after.id());
        }
        query.append(" order by createdAt, id");
        return find(query.toString(), params).range(0, limit - 1).list();
    }
}

package dev.okr.kpi.kpi;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.contracts.KpiKeys;
import dev.okr.kpi.status.KpiStatus;
import dev.okr.platform.web.Cursor;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class KpiRepository implements PanacheRepositoryBase<Kpi, UUID> {

    /** The organisation's KPI with this id or key, or null. */
    public Uni<Kpi> findByIdOrKey(UUID organisationId, String idOrKey) {
        UUID id = idOf(idOrKey);
        if (id != null) {
            return find("organisationId = ?1 and id = ?2", organisationId, id).firstResult();
        }
        return find("organisationId = ?1 and key = ?2", organisationId, idOrKey).firstResult();
    }

    /**
     * The id a reference names when it reads as a UUID (ids and keys never overlap: a key that would read as
     * one is refused), else null: the reference is a key.
     */
    public static UUID idOf(String idOrKey) {
        return KpiKeys.idOf(idOrKey);
    }

    public record Filter(KpiStatus status, String owner, String tag, boolean archived) {
    }

    public Uni<List<Kpi>> page(UUID organisationId, Filter filter, Cursor after, int rows) {
        StringBuilder q = new StringBuilder("organisationId = :org");
        Parameters p = Parameters.with("org", organisationId);
        q.append(filter.archived() ? " and archivedAt is not null" : " and archivedAt is null");
        if (filter.status() != null) {
            q.append(" and status = :status");
            p.and("status", filter.status());
        }
        if (filter.owner() != null) {
            q.append(" and ownerId = :owner");
            p.and("owner", filter.owner());
        }
        if (filter.tag() != null) {
            q.append(" and id in (select t.kpiId from KpiTag t where t.tag = :tag)");
            p.and("tag", filter.tag());
        }
        if (after != null) {
            q.append(" and (createdAt > :at or (createdAt = :at and id > :id))");
            p.and("at", after.createdAt()).and("id", after.id());
        }
        q.append(" order by createdAt, id");
        return find(q.toString(), p).range(0, rows - 1).list();
    }
}

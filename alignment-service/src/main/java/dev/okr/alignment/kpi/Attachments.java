package dev.okr.alignment.kpi;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.reactive.mutiny.Mutiny;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.okr.platform.audit.Actor;
import dev.okr.platform.audit.AuditTrail;
import dev.okr.platform.audit.Diff;
import dev.okr.contracts.Topics;
import dev.okr.contracts.events.KpiAttachmentsChanged;
import dev.okr.platform.outbox.Outbox;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.ETags;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * KPIs attached to objectives and org units as health metrics to watch: attached once per target, listed with each
 * KPI's current value and status (from the KPI read model), detached. An attachment never changes: its one version
 * is {@link #VERSION}.
 */
@ApplicationScoped
public class Attachments {

    /** An attachment is made and removed, never changed: its one version. */
    public static final long VERSION = 0;

    /** A KPI's status, as kpi-service names it (the merged document has one schema for it). */
    @Schema(name = "KpiStatus")
    public enum KpiStatus {
        ON_TRACK, AT_RISK, NO_DATA, OFF_TRACK, ACHIEVED, MISSED
    }

    @Schema(name = "AttachedKpi")
    public record Attached(UUID id, @Schema(nullable = true) UUID objectiveId, @Schema(nullable = true) UUID unitId, UUID kpiId,
            String key, String name, @Schema(nullable = true) String unit, @Schema(nullable = true) Double currentValue,
            @Schema(ref = "KpiStatus") String status) {
    }

    private static final String SELECT = "select a.id, a.objective_id, a.unit_id, k.id as kpi, k.key, k.name, k.unit, "
            + "k.current_value, k.status from kpi_attachment a join kpi_node k on k.id = a.kpi_id where a.organisation_id = :org ";
    private static final String KPI_EXISTS = "select count(*) from kpi_node where id = :id and organisation_id = :org";
    private static final String OBJECTIVE_EXISTS = "select count(*) from objective_node where id = :id and organisation_id = :org";
    private static final String UNIT_EXISTS = "select count(*) from org_unit where id = :id and organisation_id = :org";

    private final Clock clock;
    private final Outbox outbox;
    private final AuditTrail audit;

    public Attachments(Clock clock, Outbox outbox, AuditTrail audit) {
        this.clock = clock;
        this.outbox = outbox;
        this.audit = audit;
    }

    /**
     * Tells the live streams where a KPI is attached, with its value and status ({@link KpiAttachmentsChanged}), after a
     * change of either: a stream filtered by a unit or an objective follows the KPIs attached to it so. Nothing for a KPI
     * attached nowhere (and not just detached). Call in the changing transaction.
     */
    public Uni<Void> announce(UUID kpiId, boolean detached) {
        return Panache.getSession().chain(s -> s.find(KpiNode.class, kpiId).chain(kpi -> kpi == null ? Uni.createFrom().voidItem()
                : s.createNativeQuery("select unit_id, objective_id from kpi_attachment where kpi_id = :kpi order by created_at, id",
                        Object[].class).setParameter("kpi", kpiId).getResultList().chain(rows -> {
                            if (rows.isEmpty() && !detached) {
                                return Uni.createFrom().voidItem();
                            }
                            List<UUID> units = new ArrayList<>();
                            List<UUID> objectives = new ArrayList<>();
                            for (Object[] r : rows) {
                                if (r[0] != null) {
                                    units.add((UUID) r[0]);
                                } else {
                                    objectives.add((UUID) r[1]);
                                }
                            }
                            return outbox.record(Topics.ALIGNMENT, KpiAttachmentsChanged.CHANGED, kpi.organisationId, kpi.id,
                                    new KpiAttachmentsChanged(kpi.id, kpi.organisationId, kpi.key, kpi.name, kpi.unit, kpi.currentValue,
                                            kpi.status, units, objectives, kpi.version)).replaceWithVoid();
                        })));
    }

    /** Gives an objective carried into another cycle the KPI attachments of the one it was carried from, and announces them. */
    public Uni<Void> carry(UUID organisationId, UUID fromId, UUID copyId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into kpi_attachment "
                + "(id, organisation_id, kpi_id, objective_id, unit_id, created_at) "
                + "select gen_random_uuid(), organisation_id, kpi_id, :copy, null, :at from kpi_attachment "
                + "where objective_id = :from and organisation_id = :org on conflict do nothing returning kpi_id", UUID.class)
                .setParameter("copy", copyId).setParameter("from", fromId).setParameter("org", organisationId)
                .setParameter("at", clock.instant()).getResultList())
                .chain(kpis -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UUID kpi : kpis) {
                        chain = chain.chain(() -> announce(kpi, false));
                    }
                    return chain;
                });
    }

    /** What the audit trail keeps of an attachment. */
    private static ObjectNode audited(UUID kpiId, UUID objectiveId, UUID unitId) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("kpiId", kpiId.toString());
        node.put("objectiveId", objectiveId == null ? null : objectiveId.toString());
        node.put("unitId", unitId == null ? null : unitId.toString());
        return node;
    }

    /** Attaches a KPI to one objective or one unit, all three of the organisation; answers the attachment. */
    @WithTransaction
    public Uni<Attached> attach(UUID organisationId, UUID kpiId, UUID objectiveId, UUID unitId) {
        if ((objectiveId == null) == (unitId == null)) {
            throw ProblemException.invalid("objectiveId", "attach to one objective or one unit: give objectiveId or unitId");
        }
        UUID id = UUID.randomUUID();
        UUID target = objectiveId != null ? objectiveId : unitId;
        Actor actor = audit.currentActor();
        return Panache.getSession().chain(s -> exists(s, KPI_EXISTS, kpiId, organisationId, "kpiId", "KPI")
                .chain(() -> objectiveId != null ? exists(s, OBJECTIVE_EXISTS, objectiveId, organisationId, "objectiveId", "objective")
                        : exists(s, UNIT_EXISTS, unitId, organisationId, "unitId", "unit"))
                .chain(() -> s.createNativeQuery("select count(*) from kpi_attachment where kpi_id = :kpi and "
                        + "coalesce(objective_id, unit_id) = :target", Long.class)
                        .setParameter("kpi", kpiId).setParameter("target", target).getSingleResult())
                .chain(n -> {
                    if (n > 0) {
                        throw ProblemException.conflict("This KPI is already attached there.");
                    }
                    return s.createNativeQuery("insert into kpi_attachment (id, organisation_id, kpi_id, objective_id, unit_id, created_at) "
                            + "values (:id, :org, :kpi, :objective, :unit, :at)")
                            .setParameter("id", id).setParameter("org", organisationId).setParameter("kpi", kpiId)
                            .setParameter("objective", objectiveId).setParameter("unit", unitId)
                            .setParameter("at", clock.instant()).executeUpdate();
                }))
                .chain(() -> announce(kpiId, false))
                .chain(() -> audit.record(new AuditTrail.Entry(organisationId, clock.instant(), actor, "kpi-attachment.created",
                        "kpi-attachment", id.toString(), target.toString(), Diff.of(null, audited(kpiId, objectiveId, unitId)))))
                .chain(() -> select(organisationId, "and a.id = :id", id)).map(rows -> rows.get(0));
    }

    /** Detaches it (If-Match names {@link #VERSION}); another organisation's attachment is not found. */
    @WithTransaction
    public Uni<Void> detach(UUID organisationId, UUID id, String ifMatch) {
        ETags.require(ifMatch, VERSION);
        Actor actor = audit.currentActor();
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from kpi_attachment where id = :id and organisation_id = :org "
                + "returning kpi_id, objective_id, unit_id", Object[].class).setParameter("id", id).setParameter("org", organisationId)
                .getResultList())
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        throw ProblemException.notFound("KPI attachment", id);
                    }
                    UUID kpiId = (UUID) rows.get(0)[0];
                    UUID objectiveId = (UUID) rows.get(0)[1];
                    UUID unitId = (UUID) rows.get(0)[2];
                    return announce(kpiId, true).chain(() -> audit.record(new AuditTrail.Entry(organisationId, clock.instant(), actor,
                            "kpi-attachment.removed", "kpi-attachment", id.toString(), (objectiveId != null ? objectiveId : unitId).toString(),
                            Diff.of(audited(kpiId, objectiveId, unitId), null))));
                });
    }

    @WithSession
    public Uni<List<Attached>> ofObjective(UUID organisationId, UUID objectiveId) {
        return select(organisationId, "and a.objective_id = :id", objectiveId);
    }

    /** Those of a page of objectives, in one query. */
    @WithSession
    public Uni<List<Attached>> ofObjectives(UUID organisationId, List<UUID> objectiveIds) {
        return objectiveIds.isEmpty() ? Uni.createFrom().item(List.of()) : select(organisationId, "and a.objective_id in (:id)", objectiveIds);
    }

    @WithSession
    public Uni<List<Attached>> ofUnit(UUID organisationId, UUID unitId) {
        return select(organisationId, "and a.unit_id = :id", unitId);
    }

    /** The organisation's attachments matching {@code where}, a fixed condition on {@code :id}. */
    private static Uni<List<Attached>> select(UUID organisationId, String where, Object id) {
        return Panache.getSession().chain(s -> s.createNativeQuery(SELECT + where + " order by k.name", Object[].class)
                .setParameter("org", organisationId).setParameter("id", id).getResultList())
                .map(rows -> rows.stream().map(Attachments::attached).toList());
    }

    private static Attached attached(Object[] r) {
        return new Attached((UUID) r[0], (UUID) r[1], (UUID) r[2], (UUID) r[3], (String) r[4], (String) r[5], (String) r[6],
                r[7] == null ? null : ((Number) r[7]).doubleValue(), (String) r[8]);
    }

    private static Uni<Void> exists(Mutiny.Session s, String query, UUID id, UUID organisationId, String field, String what) {
        return s.createNativeQuery(query, Long.class).setParameter("id", id).setParameter("org", organisationId).getSingleResult()
                .invoke(n -> {
                    if (n == 0) {
                        throw ProblemException.invalid(field, "no such " + what + " " + id + " in your organisation");
                    }
                }).replaceWithVoid();
    }
}

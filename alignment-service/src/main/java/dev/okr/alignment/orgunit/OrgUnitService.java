package dev.okr.alignment.orgunit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.okr.alignment.orgunit.OrgUnitApi.OrgUnitRequest;
import dev.okr.contracts.Topics;
import dev.okr.contracts.events.OrgUnitChanged;
import dev.okr.platform.audit.Actor;
import dev.okr.platform.audit.AuditTrail;
import dev.okr.platform.audit.Diff;
import dev.okr.platform.outbox.Outbox;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.ETags;
import dev.okr.platform.web.MergePatch;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The organisation's structure: units created under valid parents, published through the outbox. */
@ApplicationScoped
public class OrgUnitService {


    private final OrgUnitRepository units;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    public OrgUnitService(OrgUnitRepository units, Outbox outbox, AuditTrail audit, Clock clock) {
        this.units = units;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the audit trail keeps of a unit, with its members; null when no one is making the change. */
    private Uni<ObjectNode> audited(OrgUnit unit, Actor actor) {
        if (actor == null) {
            return Uni.createFrom().nullItem();
        }
        return members(unit.id).map(members -> {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("name", unit.name);
            node.put("type", unit.type.name());
            node.put("parentId", unit.parentId == null ? null : unit.parentId.toString());
            node.put("leadId", unit.leadId);
            node.put("archived", unit.archivedAt != null);
            ArrayNode list = node.putArray("members");
            members.forEach(list::add);
            return node;
        });
    }

    private Uni<Void> audit(Actor actor, String action, OrgUnit unit, ObjectNode before) {
        return audited(unit, actor).chain(after -> after == null ? Uni.createFrom().voidItem()
                : audit.record(new AuditTrail.Entry(unit.organisationId, unit.updatedAt, actor, action, "org-unit", unit.id.toString(),
                        null, Diff.of(before, after))));
    }

    @WithTransaction
    public Uni<OrgUnit> create(UUID organisationId, OrgUnitRequest request) {
        Actor actor = audit.currentActor();
        Uni<Void> placed = request.type() == OrgUnitType.COMPANY
                ? checkCompany(organisationId, request)
                : checkParent(organisationId, request);
        return placed.chain(() -> {
            Instant now = clock.instant();
            OrgUnit unit = new OrgUnit();
            unit.id = UUID.randomUUID();
            unit.organisationId = organisationId;
            unit.parentId = request.parentId();
            unit.type = request.type();
            unit.name = request.name().strip();
            unit.leadId = request.leadId() == null || request.leadId().isBlank() ? null : request.leadId().strip();
            unit.createdAt = now;
            unit.updatedAt = now;
            return units.persistAndFlush(unit);
        }).call(unit -> audit(actor, "org-unit.created", unit, null)).call(unit -> publish(OrgUnitChanged.CREATED, unit));
    }

    /** Renames, moves or changes the lead of a unit; a unit cannot move under itself or one of its own units. */
    @WithTransaction
    public Uni<OrgUnit> patch(UUID organisationId, UUID id, String ifMatch, MergePatch<OrgUnitApi.OrgUnitPatch> merge) {
        merge.keep("name", "parentId");
        OrgUnitApi.OrgUnitPatch patch = merge.values();
        Actor actor = audit.currentActor();
        ObjectNode[] before = new ObjectNode[1];
        return get(organisationId, id).call(unit -> audited(unit, actor).invoke(b -> before[0] = b)).chain(unit -> {
            ETags.require(ifMatch, unit.version);
            if (patch.name() != null) {
                if (patch.name().isBlank()) {
                    throw ProblemException.invalid("name", "must not be blank");
                }
                unit.name = patch.name().strip();
            }
            if (patch.leadId() != null || merge.removes("leadId")) {
                // JSON null removes the lead (RFC 7396), as a blank one always did
                unit.leadId = patch.leadId() == null || patch.leadId().isBlank() ? null : patch.leadId().strip();
            }
            Uni<Void> moved = patch.parentId() == null || patch.parentId().equals(unit.parentId)
                    ? Uni.createFrom().voidItem() : move(organisationId, unit, patch.parentId());
            return moved.chain(() -> {
                unit.updatedAt = clock.instant();
                return units.persistAndFlush(unit);
            });
        }).call(unit -> audit(actor, "org-unit.updated", unit, before[0])).call(unit -> publish(OrgUnitChanged.UPDATED, unit));
    }

    /** Archives a unit that has no active units under it; its objectives stay, owned by an archived unit. */
    @WithTransaction
    public Uni<Void> archive(UUID organisationId, UUID id, String ifMatch) {
        Actor actor = audit.currentActor();
        ObjectNode[] before = new ObjectNode[1];
        return get(organisationId, id).call(unit -> audited(unit, actor).invoke(b -> before[0] = b)).chain(unit -> {
            ETags.require(ifMatch, unit.version);
            return units.count("parentId = ?1 and archivedAt is null", unit.id).chain(children -> {
                if (children > 0) {
                    throw ProblemException.conflict("Unit " + unit.name + " has " + children
                            + " active units under it: move or archive them first.");
                }
                unit.archivedAt = clock.instant();
                unit.updatedAt = unit.archivedAt;
                return units.persistAndFlush(unit);
            });
        }).call(unit -> audit(actor, "org-unit.archived", unit, before[0])).call(unit -> publish(OrgUnitChanged.ARCHIVED, unit))
                .replaceWithVoid();
    }

    /** Replaces the unit's members (user ids). */
    @WithTransaction
    public Uni<OrgUnit> setMembers(UUID organisationId, UUID id, String ifMatch, List<String> members) {
        List<String> clean = members.stream().map(String::strip).distinct().toList();
        Actor actor = audit.currentActor();
        ObjectNode[] before = new ObjectNode[1];
        // the unit's row is locked: concurrent replacements take turns, and the stored list is exactly one request's
        return units.lockInOrganisation(organisationId, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("org unit", id))
                .call(unit -> {
                    ETags.require(ifMatch, unit.version);
                    return audited(unit, actor).invoke(b -> before[0] = b);
                })
                .call(unit -> Panache.getSession().chain(s -> s.createNativeQuery("delete from org_unit_member where unit_id = :id")
                        .setParameter("id", id).executeUpdate()
                        .chain(() -> clean.isEmpty() ? Uni.createFrom().item(0) : s.createNativeQuery(
                                "insert into org_unit_member (unit_id, user_id, organisation_id, added_at) "
                                        + "select :id, u, :org, :at from unnest(cast(:users as text[])) as u")
                                .setParameter("id", id).setParameter("org", organisationId).setParameter("at", clock.instant())
                                .setParameter("users", clean.toArray(String[]::new)).executeUpdate())))
                .chain(unit -> {
                    // the members are part of the unit: its version moves, and the change is published with them
                    unit.updatedAt = clock.instant();
                    return units.persistAndFlush(unit);
                })
                .call(unit -> audit(actor, "org-unit.members-changed", unit, before[0]))
                .call(unit -> publish(OrgUnitChanged.UPDATED, unit));
    }

    /** Records the unit's state, with its members, as an event in the current transaction. */
    private Uni<Void> publish(String type, OrgUnit unit) {
        return members(unit.id).chain(members -> outbox.record(Topics.ALIGNMENT, type, unit.organisationId, unit.id,
                new OrgUnitChanged(unit.id, unit.organisationId, unit.parentId, unit.type.name(), unit.name, unit.leadId,
                        members, unit.archivedAt != null, unit.version))).replaceWithVoid();
    }

    @WithSession
    public Uni<List<String>> members(UUID id) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "select user_id from org_unit_member where unit_id = :id order by user_id", String.class)
                .setParameter("id", id).getResultList());
    }

    private Uni<Void> move(UUID organisationId, OrgUnit unit, UUID newParentId) {
        if (unit.type == OrgUnitType.COMPANY) {
            throw ProblemException.invalid("parentId", "the company is the root: it does not move");
        }
        return units.findInOrganisation(organisationId, newParentId)
                .onItem().ifNull().failWith(() -> ProblemException.invalid("parentId", "no org unit " + newParentId + " in your organisation"))
                .invoke(parent -> unit.type.checkParent(parent.type))
                .chain(parent -> Panache.getSession().chain(s -> s.createNativeQuery("with recursive below(id) as ("
                        + "select id from org_unit where parent_id = :unit union select u.id from org_unit u join below b on u.parent_id = b.id) "
                        + "select count(*) from below where id = :parent", Long.class)
                        .setParameter("unit", unit.id).setParameter("parent", parent.id).getSingleResult()))
                .invoke(inside -> {
                    if (inside > 0 || newParentId.equals(unit.id)) {
                        throw ProblemException.invalid("parentId", "a unit cannot move under itself or one of its own units");
                    }
                    unit.parentId = newParentId;
                })
                .replaceWithVoid();
    }

    @WithSession
    public Uni<OrgUnit> get(UUID organisationId, UUID id) {
        return units.findInOrganisation(organisationId, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("org unit", id));
    }

    @WithSession
    public Uni<List<OrgUnit>> all(UUID organisationId) {
        return units.allActive(organisationId);
    }

    private Uni<Void> checkCompany(UUID organisationId, OrgUnitRequest request) {
        OrgUnitType.COMPANY.checkParent(request.parentId() == null ? null : OrgUnitType.COMPANY);
        return units.hasCompany(organisationId).invoke(exists -> {
            if (exists) {
                throw ProblemException.conflict("Your organisation already has its company unit; add departments under it.");
            }
        }).replaceWithVoid();
    }

    private Uni<Void> checkParent(UUID organisationId, OrgUnitRequest request) {
        if (request.parentId() == null) {
            request.type().checkParent(null);
        }
        return units.findInOrganisation(organisationId, request.parentId())
                .onItem().ifNull().failWith(() -> ProblemException.invalid("parentId", "no org unit " + request.parentId()
                        + " in your organisation"))
                .invoke(parent -> request.type().checkParent(parent.type))
                .replaceWithVoid();
    }
}

package dev.okr.alignment.link;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.okr.platform.audit.Actor;
import dev.okr.platform.audit.AuditTrail;
import dev.okr.platform.audit.Diff;
import dev.okr.alignment.link.LinkApi.Alignment;
import dev.okr.alignment.link.LinkApi.ParentLink;
import dev.okr.alignment.link.LinkApi.ParentView;
import dev.okr.alignment.objective.ObjectiveNode;
import dev.okr.alignment.rollup.RollupService;
import dev.okr.contracts.Topics;
import dev.okr.contracts.events.AlignmentChanged;
import dev.okr.platform.outbox.Outbox;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.ETags;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Alignment links: an objective aligned to its parents with contribution weights, as a DAG. */
@ApplicationScoped
public class LinkService {

    private final RollupService rollups;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    public LinkService(RollupService rollups, Outbox outbox, AuditTrail audit, Clock clock) {
        this.rollups = rollups;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Alignment> setParents(UUID organisationId, UUID childId, String ifMatch, List<ParentLink> requested) {
        List<UUID> parentIds = requested.stream().map(ParentLink::parentId).toList();
        if (new HashSet<>(parentIds).size() != parentIds.size()) {
            throw ProblemException.invalid("parents", "each parent may appear once");
        }
        Actor actor = audit.currentActor();
        JsonNode[] before = new JsonNode[1];
        return rollups.lock(organisationId)
                .chain(() -> node(organisationId, childId))
                .call(child -> actor == null ? Uni.createFrom().voidItem() : links(childId).invoke(links -> before[0] = links))
                .invoke(child -> {
                    // the organisation's alignment lock is held: the links change one request at a time
                    ETags.require(ifMatch, child.parentsVersion);
                    child.parentsVersion++;
                })
                .chain(child -> nodes(organisationId, parentIds).chain(found -> {
                    for (int i = 0; i < parentIds.size(); i++) {
                        if (!found.contains(parentIds.get(i))) {
                            throw ProblemException.invalid("parents[" + i + "].parentId",
                                    "no objective " + parentIds.get(i) + " in your organisation");
                        }
                    }
                    return subtree(childId);
                }))
                .chain(childrenOf -> {
                    CycleCheck.firstCycle(childId, parentIds, childrenOf).ifPresent(p -> {
                        int i = parentIds.indexOf(p);
                        throw ProblemException.invalid("parents[" + i + "].parentId", p.equals(childId)
                                ? "an objective cannot align to itself"
                                : "objective " + p + " is already aligned under this one: the link would make a circle");
                    });
                    return rollups.parents(childId);
                })
                .chain(oldParents -> replace(organisationId, childId, requested).chain(() -> {
                    Set<UUID> affected = new LinkedHashSet<>(oldParents);
                    affected.addAll(parentIds);
                    return rollups.propagate(organisationId, new ArrayList<>(affected));
                }))
                .chain(() -> outbox.record(Topics.ALIGNMENT, AlignmentChanged.TYPE, organisationId, childId,
                        new AlignmentChanged(childId, organisationId, normalised(requested).stream()
                                .map(p -> new AlignmentChanged.Parent(p.parentId(), p.weight())).toList())))
                .chain(() -> actor == null ? Uni.createFrom().voidItem() : links(childId).chain(after -> audit.record(
                        new AuditTrail.Entry(organisationId, clock.instant(), actor, "objective.aligned", "objective", childId.toString(), null,
                                Diff.of(before[0], after)))))
                .chain(() -> Panache.getSession().chain(s -> s.find(ObjectiveNode.class, childId)))
                .map(child -> new Alignment(childId, normalised(requested).stream().map(p -> new ParentView(p.parentId(), p.weight()))
                        .toList(), child.rollup, child.parentsVersion));
    }

    /** What the audit trail keeps of an objective's alignment: {"parents": {"<parent id>": weight, ...}}. */
    private Uni<JsonNode> links(UUID childId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select parent_id, weight from alignment_link where child_id = :child "
                + "order by parent_id", Object[].class).setParameter("child", childId).getResultList()).map(rows -> {
                    ObjectNode node = JsonNodeFactory.instance.objectNode();
                    ObjectNode parents = node.putObject("parents");
                    for (Object[] r : rows) {
                        parents.put(r[0].toString(), ((Number) r[1]).doubleValue());
                    }
                    return node;
                });
    }

    /**
     * Aligns an objective carried into another cycle as its original was: under the copy of each of the original's
     * parents that was carried too, else under that parent itself (unless archived), with the same weights; and moves
     * the copies of the original's children, which may have arrived first and found only the original, under it.
     * Links that would close a circle are left out. Call in the objective consumer's transaction, the organisation's
     * alignment lock held.
     */
    public Uni<Void> carry(UUID organisationId, ObjectiveNode copy) {
        UUID from = copy.rolledOverFrom;
        return Panache.getSession().chain(s -> s.createNativeQuery("select coalesce(c.id, p.id), l.weight from alignment_link l "
                + "join objective_node p on p.id = l.parent_id "
                + "left join objective_node c on c.rolled_over_from = p.id and c.status <> 'ARCHIVED' and c.organisation_id = :org "
                + "and c.cycle_id = :cycle "
                + "where l.child_id = :from and l.organisation_id = :org and (c.id is not null or p.status <> 'ARCHIVED') "
                + "order by l.created_at, l.parent_id",
                Object[].class).setParameter("from", from).setParameter("org", organisationId).setParameter("cycle", copy.cycleId)
                .getResultList()
                .chain(rows -> {
                    List<ParentLink> parents = new ArrayList<>();
                    Set<UUID> seen = new HashSet<>();
                    for (Object[] r : rows) {
                        UUID parent = (UUID) r[0];
                        if (!parent.equals(copy.id) && seen.add(parent)) {
                            parents.add(new ParentLink(parent, ((Number) r[1]).doubleValue()));
                        }
                    }
                    return relink(organisationId, copy, parents);
                })
                .chain(() -> s.createNativeQuery("select c.id from objective_node c join alignment_link l on l.child_id = c.id "
                        + "and l.parent_id = :from where c.organisation_id = :org and c.rolled_over_from is not null "
                        + "and c.cycle_id = :cycle", UUID.class)
                        .setParameter("from", from).setParameter("org", organisationId).setParameter("cycle", copy.cycleId)
                        .getResultList())
                .chain(children -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UUID child : children) {
                        chain = chain.chain(() -> s.find(ObjectiveNode.class, child)).chain(node -> parentLinks(child)
                                .chain(links -> relink(organisationId, node, links.stream()
                                        .map(l -> l.parentId().equals(from) ? new ParentLink(copy.id, l.weight()) : l).toList())));
                    }
                    return chain;
                }));
    }

    /** Sets a node's parents as the system, not a person, does it: circles left out, roll-ups and events as for a person. */
    private Uni<Void> relink(UUID organisationId, ObjectiveNode child, List<ParentLink> wanted) {
        return subtree(child.id).chain(childrenOf -> {
            List<ParentLink> kept = new ArrayList<>();
            for (ParentLink p : wanted) {
                if (CycleCheck.firstCycle(child.id, List.of(p.parentId()), childrenOf).isEmpty()) {
                    kept.add(p);
                }
            }
            child.parentsVersion++;
            return rollups.parents(child.id).chain(oldParents -> replace(organisationId, child.id, kept).chain(() -> {
                Set<UUID> affected = new LinkedHashSet<>(oldParents);
                kept.forEach(p -> affected.add(p.parentId()));
                affected.add(child.id);
                return rollups.propagate(organisationId, new ArrayList<>(affected));
            })).chain(() -> outbox.record(Topics.ALIGNMENT, AlignmentChanged.TYPE, organisationId, child.id,
                    new AlignmentChanged(child.id, organisationId, normalised(kept).stream()
                            .map(p -> new AlignmentChanged.Parent(p.parentId(), p.weight())).toList()))).replaceWithVoid();
        });
    }

    private Uni<List<ParentLink>> parentLinks(UUID childId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select parent_id, weight from alignment_link where child_id = :id "
                + "order by created_at, parent_id", Object[].class).setParameter("id", childId).getResultList())
                .map(rows -> rows.stream().map(r -> new ParentLink((UUID) r[0], ((Number) r[1]).doubleValue())).toList());
    }

    @WithSession
    public Uni<Alignment> parents(UUID organisationId, UUID childId) {
        return node(organisationId, childId).chain(child -> Panache.getSession().chain(s -> s.createNativeQuery(
                "select parent_id, weight from alignment_link where child_id = :id order by created_at, parent_id", Object[].class)
                .setParameter("id", childId).getResultList())
                .map(rows -> new Alignment(childId, rows.stream()
                        .map(r -> new ParentView((UUID) r[0], ((Number) r[1]).doubleValue())).toList(), child.rollup,
                        child.parentsVersion)));
    }

    private Uni<ObjectiveNode> node(UUID organisationId, UUID id) {
        return Panache.getSession().chain(s -> s.find(ObjectiveNode.class, id)).map(n -> {
            if (n == null || !n.organisationId.equals(organisationId)) {
                throw ProblemException.notFound("objective", id);
            }
            return n;
        });
    }

    private Uni<Set<UUID>> nodes(UUID organisationId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("select id from objective_node where organisation_id = :org "
                + "and id in (:ids) and status <> 'ARCHIVED'", UUID.class)
                .setParameter("org", organisationId).setParameter("ids", ids).getResultList())
                .map(HashSet::new);
    }

    /** The links below {@code id}, as children by parent: what a cycle would have to pass through. */
    private Uni<Map<UUID, Set<UUID>>> subtree(UUID id) {
        return Panache.getSession().chain(s -> s.createNativeQuery("with recursive below(parent_id, child_id) as ("
                + "select parent_id, child_id from alignment_link where parent_id = :id "
                + "union select l.parent_id, l.child_id from alignment_link l join below b on l.parent_id = b.child_id) "
                + "select parent_id, child_id from below", Object[].class)
                .setParameter("id", id).getResultList())
                .map(rows -> {
                    Map<UUID, Set<UUID>> childrenOf = new HashMap<>();
                    rows.forEach(r -> childrenOf.computeIfAbsent((UUID) r[0], k -> new HashSet<>()).add((UUID) r[1]));
                    return childrenOf;
                });
    }

    /**
     * Makes the child's links those to {@code parents}: the others go, new ones are made, a link kept keeps its moment
     * (its history, {@code alignment_link_span}, goes on) and takes a new weight only when it differs.
     */
    private Uni<Void> replace(UUID organisationId, UUID childId, List<ParentLink> parents) {
        Instant now = clock.instant();
        Map<UUID, Double> weights = new LinkedHashMap<>();
        parents.forEach(p -> weights.put(p.parentId(), p.weight() == null ? 1.0 : p.weight()));
        UUID[] ids = weights.keySet().toArray(UUID[]::new);
        return Panache.getSession().chain(s -> s.createNativeQuery("delete from alignment_link where child_id = :id "
                + "and parent_id <> all(cast(:parents as uuid[]))")
                .setParameter("id", childId).setParameter("parents", ids).executeUpdate()
                .chain(() -> weights.isEmpty() ? Uni.createFrom().item(0) : s.createNativeQuery(
                        "insert into alignment_link as l (child_id, parent_id, organisation_id, weight, created_at) "
                                + "select :child, p, :org, w, :at from unnest(cast(:parents as uuid[]), cast(:weights as float8[])) as t(p, w) "
                                + "on conflict (child_id, parent_id) do update set weight = excluded.weight where l.weight <> excluded.weight")
                        .setParameter("child", childId).setParameter("org", organisationId).setParameter("at", now)
                        .setParameter("parents", ids)
                        .setParameter("weights", weights.values().toArray(Double[]::new))
                        .executeUpdate())
                .chain(() -> s.createNativeQuery(UNREACH).setParameter("id", childId).executeUpdate())
                .chain(() -> s.createNativeQuery(REACH).setParameter("id", childId).executeUpdate()))
                .replaceWithVoid();
    }

    /*
     * Keeping alignment_reach after an objective X's parents were replaced. Only what lies at or under X (call it S)
     * can change, and only its ancestors outside S: a path between two members of S stays inside S. So those pairs
     * go, and come back from the links that enter S from outside (u → v): every ancestor of u, and u, reaches every
     * member of S that v reaches, and v, with the fewest links over all such entries.
     */
    private static final String UNDER = "select cast(:id as uuid) as id union all select descendant_id from alignment_reach where ancestor_id = :id";
    private static final String UNREACH = "delete from alignment_reach where descendant_id in (" + UNDER + ") "
            + "and ancestor_id not in (" + UNDER + ")";
    private static final String REACH = "insert into alignment_reach (ancestor_id, descendant_id, depth) "
            + "with s as (" + UNDER + "), "
            + "entry as (select l.parent_id as u, l.child_id as v from alignment_link l join s on s.id = l.child_id "
            + "where l.parent_id not in (select id from s)), "
            + "up as (select distinct u as a, u, 0 as depth from entry union all select r.ancestor_id, r.descendant_id, r.depth "
            + "from alignment_reach r where r.descendant_id in (select u from entry)), "
            + "down as (select id as v, id as d, 0 as depth from s union all select r.ancestor_id, r.descendant_id, r.depth "
            + "from alignment_reach r join s on s.id = r.ancestor_id) "
            + "select up.a, down.d, min(up.depth + 1 + down.depth) from entry join up on up.u = entry.u "
            + "join down on down.v = entry.v group by 1, 2";

    private static List<ParentLink> normalised(List<ParentLink> parents) {
        return parents.stream().map(p -> new ParentLink(p.parentId(), p.weight() == null ? 1.0 : p.weight())).toList();
    }
}

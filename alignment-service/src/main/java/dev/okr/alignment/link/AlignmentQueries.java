package dev.okr.alignment.link;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.okr.alignment.link.LinkApi.Node;
import dev.okr.alignment.link.LinkApi.Owner;
import dev.okr.alignment.link.LinkApi.Paths;
import dev.okr.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The reads users need, each bounded by the part of the graph it concerns — never the whole organisation
 * loaded into memory: the tree under an objective and the objectives that lead to no company objective read
 * what lies under or above an objective from {@code alignment_reach} (the closure of the links, kept by
 * {@link LinkService}); every path up to the company is one recursive query over the few links above.
 */
@ApplicationScoped
public class AlignmentQueries {

    public static final int MAX_DEPTH = 20;
    private static final String NODE = "n.id, n.title, n.owner_type, n.owner_id, n.status, n.own_progress, n.health, n.rollup";

    private final Pool pool;
    private final JsonFactory json;

    public AlignmentQueries(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.json = mapper.getFactory();
    }

    /**
     * The tree under an objective down to {@code depth} levels, as JSON: the objectives within that many links
     * under it ({@code alignment_reach}) and the links among them, read at once, then written by {@link TreeWriter}.
     */
    public Uni<byte[]> tree(UUID organisationId, UUID rootId, int depth) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw ProblemException.invalid("depth", "must be between 1 and " + MAX_DEPTH);
        }
        Uni<RowSet<Row>> objectives = pool.preparedQuery("select " + NODE + " from (select $2::uuid as id union all "
                + "select descendant_id from alignment_reach where ancestor_id = $2 and depth <= $3) r "
                + "join objective_node n on n.id = r.id where n.organisation_id = $1")
                .execute(Tuple.of(organisationId, rootId, depth));
        Uni<RowSet<Row>> links = pool.preparedQuery("select l.parent_id, l.child_id, l.weight from alignment_link l "
                + "where l.parent_id = $2 and l.organisation_id = $1 union all "
                + "select l.parent_id, l.child_id, l.weight from alignment_reach r join alignment_link l on l.parent_id = r.descendant_id "
                + "where r.ancestor_id = $2 and r.depth < $3 and l.organisation_id = $1")
                .execute(Tuple.of(organisationId, rootId, depth));
        return Uni.combine().all().unis(objectives, links).asTuple().map(read -> {
            Map<UUID, TreeWriter.Objective> byId = new HashMap<>();
            for (Row r : read.getItem1()) {
                byId.put(r.getUUID("id"), new TreeWriter.Objective(r.getUUID("id"), r.getString("title"), r.getString("owner_type"),
                        r.getString("owner_id"), r.getString("status"), r.getDouble("own_progress"), r.getString("health"),
                        r.getDouble("rollup")));
            }
            if (!byId.containsKey(rootId)) {
                throw ProblemException.notFound("objective", rootId);
            }
            List<TreeWriter.Link> between = new ArrayList<>();
            for (Row r : read.getItem2()) {
                between.add(new TreeWriter.Link(r.getUUID("parent_id"), r.getUUID("child_id"), r.getDouble("weight")));
            }
            return new TreeWriter(byId, between).write(json, rootId, depth);
        });
    }

    /** A link's span that holds at {@code $n}: made by then and not yet removed. */
    public static String linkHeldAt(String span, String at) {
        return span + ".valid_from <= " + at + " and (" + span + ".valid_until is null or " + span + ".valid_until > " + at + ")";
    }

    /** The state an objective node had at {@code at}: its history's latest point by then (none: it did not exist yet). */
    public static String nodeAt(String node, String at) {
        return "join lateral (select p.status, p.own_progress, p.health, p.rollup from objective_node_point p where p.objective_id = "
                + node + ".id and p.at <= " + at + " order by p.at desc, p.seq desc limit 1) p on true";
    }

    /**
     * The tree under an objective as it stood at {@code asOf}: the links that held then, and each objective's status,
     * health, own progress and roll-up then ({@code objective_node_point}, {@code alignment_link_span}); what people wrote
     * (titles, owners) as it is now. An objective that did not exist yet is left out; the root then: 404.
     */
    public Uni<byte[]> tree(UUID organisationId, UUID rootId, int depth, Instant asOf) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw ProblemException.invalid("depth", "must be between 1 and " + MAX_DEPTH);
        }
        OffsetDateTime at = asOf.atOffset(ZoneOffset.UTC);
        return pool.preparedQuery("with recursive down(id, depth) as (select $2::uuid, 0 union "
                + "select s.child_id, d.depth + 1 from down d join alignment_link_span s on s.parent_id = d.id "
                + "where s.organisation_id = $1 and " + linkHeldAt("s", "$4") + " and d.depth < $3) "
                + "select n.id, n.title, n.owner_type, n.owner_id, p.status, p.own_progress, p.health, p.rollup, r.depth "
                + "from (select id, min(depth) as depth from down group by id) r join objective_node n on n.id = r.id "
                + nodeAt("n", "$4") + " where n.organisation_id = $1")
                .execute(Tuple.of(organisationId, rootId, depth, at)).chain(nodes -> {
                    Map<UUID, TreeWriter.Objective> byId = new HashMap<>();
                    List<UUID> parents = new ArrayList<>();
                    for (Row r : nodes) {
                        byId.put(r.getUUID("id"), new TreeWriter.Objective(r.getUUID("id"), r.getString("title"), r.getString("owner_type"),
                                r.getString("owner_id"), r.getString("status"), r.getDouble("own_progress"), r.getString("health"),
                                r.getDouble("rollup")));
                        if (r.getInteger("depth") < depth) {
                            parents.add(r.getUUID("id"));
                        }
                    }
                    if (!byId.containsKey(rootId)) {
                        throw ProblemException.notFound("objective", rootId + " as of " + asOf);
                    }
                    return pool.preparedQuery("select s.parent_id, s.child_id, s.weight from alignment_link_span s "
                            + "where s.organisation_id = $1 and s.parent_id = any($2) and " + linkHeldAt("s", "$3"))
                            .execute(Tuple.of(organisationId, parents.toArray(UUID[]::new), at)).map(links -> {
                                List<TreeWriter.Link> between = new ArrayList<>();
                                for (Row r : links) {
                                    between.add(new TreeWriter.Link(r.getUUID("parent_id"), r.getUUID("child_id"), r.getDouble("weight")));
                                }
                                return new TreeWriter(byId, between).write(json, rootId, depth);
                            });
                });
    }

    @WithSession
    public Uni<Paths> paths(UUID organisationId, UUID id) {
        return Panache.getSession().chain(s -> s.createNativeQuery("with recursive up(id, path) as ("
                + "select id, array[id] from objective_node where id = :id and organisation_id = :org "
                + "union all select l.parent_id, up.path || l.parent_id from alignment_link l join up on l.child_id = up.id "
                + "where not l.parent_id = any(up.path)) "
                + "select array_to_string(up.path, ',') from up join objective_node n on n.id = up.id where n.owner_type = 'COMPANY'", String.class)
                .setParameter("id", id).setParameter("org", organisationId).getResultList()
                .chain(pathRows -> s.createNativeQuery("select " + NODE + " from objective_node n where n.organisation_id = :org "
                        + "and n.id in (with recursive up(id) as (select cast(:id as uuid) union select l.parent_id from alignment_link l "
                        + "join up on l.child_id = up.id) select id from up)", Object[].class)
                        .setParameter("org", organisationId).setParameter("id", id).getResultList()
                        .map(nodeRows -> {
                            if (nodeRows.stream().noneMatch(r -> id.equals(r[0]))) {
                                throw ProblemException.notFound("objective", id);
                            }
                            Map<UUID, Node> nodes = new HashMap<>();
                            nodeRows.forEach(r -> nodes.put((UUID) r[0], node(r, 0, null, List.of())));
                            List<List<Node>> paths = new ArrayList<>();
                            for (String p : pathRows) {
                                List<Node> path = new ArrayList<>();
                                for (String step : p.split(",")) {
                                    path.add(nodes.get(UUID.fromString(step)));
                                }
                                paths.add(path);
                            }
                            return new Paths(id, paths);
                        })));
    }

    @WithSession
    public Uni<List<Node>> orphans(UUID organisationId, UUID cycleId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select " + NODE + " from objective_node n "
                + "where n.organisation_id = :org and n.status <> 'ARCHIVED' "
                + "and n.owner_type <> 'COMPANY' and (cast(:cycle as uuid) is null or n.cycle_id = cast(:cycle as uuid)) "
                + "and not exists (select 1 from alignment_reach r join objective_node p on p.id = r.ancestor_id "
                + "where r.descendant_id = n.id and p.owner_type = 'COMPANY') "
                + "order by n.title, n.id", Object[].class)
                .setParameter("org", organisationId).setParameter("cycle", cycleId == null ? null : cycleId.toString())
                .getResultList())
                .map(rows -> rows.stream().map(r -> node(r, 0, null, null)).toList());
    }

    private static Node node(Object[] r, int at, Double weight, List<Node> children) {
        return new Node((UUID) r[at], (String) r[at + 1], new Owner((String) r[at + 2], (String) r[at + 3]), (String) r[at + 4],
                r[at + 5] == null ? null : ((Number) r[at + 5]).doubleValue(), (String) r[at + 6],
                Math.round(((Number) r[at + 7]).doubleValue() * 1_000_000) / 1_000_000.0, weight, children);
    }
}

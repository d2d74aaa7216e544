package dev.okr.alignment.link;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.alignment.link.LinkApi.Node;
import dev.okr.alignment.link.LinkApi.Owner;
import dev.okr.alignment.link.LinkApi.Paths;
import dev.okr.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The reads users need, each one recursive query bounded by the part of the graph it walks — never the
 * whole organisation loaded into memory: the tree under an objective, every path up to the company, and
 * the objectives that lead to no company objective.
 */
@ApplicationScoped
public class AlignmentQueries {

    public static final int MAX_DEPTH = 20;
    private static final String NODE = "n.id, n.title, n.owner_type, n.owner_id, n.status, n.own_progress, n.health, n.rollup";

    @WithSession
    public Uni<Node> tree(UUID organisationId, UUID rootId, int depth) {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw ProblemException.invalid("depth", "must be between 1 and " + MAX_DEPTH);
        }
        return Panache.getSession().chain(s -> s.createNativeQuery("with recursive t(id, parent_id, weight, depth, ord) as ("
                + "select id, cast(null as uuid), cast(null as float8), 0, cast(id as text) from objective_node "
                + "where id = :root and organisation_id = :org "
                + "union all select l.child_id, l.parent_id, l.weight, t.depth + 1, t.ord || '/' || l.child_id "
                + "from alignment_link l join t on l.parent_id = t.id join objective_node c on c.id = l.child_id "
                + "where t.depth < :depth and c.status <> 'ARCHIVED') "
                + "select t.ord, t.weight, t.depth, " + NODE + " from t join objective_node n on n.id = t.id order by t.depth, t.ord",
                Object[].class)
                .setParameter("root", rootId).setParameter("org", organisationId).setParameter("depth", depth).getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw ProblemException.notFound("objective", rootId);
                    }
                    // each row is one place in the tree, named by its path of ids (a node with two parents appears under both)
                    Map<String, Object[]> rowAt = new HashMap<>();
                    Map<String, List<String>> childrenAt = new HashMap<>();
                    for (Object[] r : rows) {
                        String at = (String) r[0];
                        rowAt.put(at, r);
                        int slash = at.lastIndexOf('/');
                        if (slash > 0) {
                            childrenAt.computeIfAbsent(at.substring(0, slash), k -> new ArrayList<>()).add(at);
                        }
                    }
                    return build((String) rows.get(0)[0], rowAt, childrenAt);
                });
    }

    private static Node build(String at, Map<String, Object[]> rowAt, Map<String, List<String>> childrenAt) {
        Object[] r = rowAt.get(at);
        List<Node> children = childrenAt.getOrDefault(at, List.of()).stream().map(c -> build(c, rowAt, childrenAt)).toList();
        return node(r, 3, r[1] == null ? null : ((Number) r[1]).doubleValue(), children);
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
        return Panache.getSession().chain(s -> s.createNativeQuery("with recursive up(start, id) as ("
                + "select id, id from objective_node where organisation_id = :org and status <> 'ARCHIVED' "
                + "and (cast(:cycle as uuid) is null or cycle_id = cast(:cycle as uuid)) "
                + "union select up.start, l.parent_id from alignment_link l join up on l.child_id = up.id) "
                + "select " + NODE + " from objective_node n where n.organisation_id = :org and n.status <> 'ARCHIVED' "
                + "and n.owner_type <> 'COMPANY' and (cast(:cycle as uuid) is null or n.cycle_id = cast(:cycle as uuid)) "
                + "and not exists (select 1 from up join objective_node p on p.id = up.id where up.start = n.id and p.owner_type = 'COMPANY') "
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

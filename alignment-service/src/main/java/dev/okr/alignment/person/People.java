package dev.okr.alignment.person;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.okr.alignment.orgunit.OrgUnitType;
import dev.okr.alignment.rollup.Rollups;
import dev.okr.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * The organisation's people as its units know them: everyone who is a member or the lead of an active unit, with
 * those units; and for one person, the objectives they own. A person is their user id (the subject of their token).
 */
@ApplicationScoped
public class People {

    /** The most objectives one person's answer lists. */
    static final int MAX_OBJECTIVES = 200;

    @Schema(name = "PersonUnit", description = "A unit a person belongs to, and how")
    public record Membership(UUID unitId, String name, OrgUnitType type, Role role) {
    }

    @Schema(name = "PersonRole")
    public enum Role {
        LEAD, MEMBER
    }

    @Schema(name = "Person", description = "A person as the organisation's units know them")
    public record Person(@Schema(description = "Their user id: the subject of their token", example = "maria@example.com") String id,
            @Schema(description = "The active units they lead or belong to, by name") List<Membership> units) {
    }

    @Schema(name = "PersonObjective", description = "An objective a person owns, as alignment knows it")
    public record OwnedObjective(UUID id, UUID cycleId, String title, String status, @Schema(nullable = true) String health,
            @Schema(description = "Its own progress, else its roll-up", example = "0.62") double progress,
            @Schema(description = "The roll-up of it and the objectives aligned under it", example = "0.5") double rollupProgress) {
    }

    @Schema(name = "PersonDetail", description = "A person with their units and the objectives they own")
    public record PersonDetail(String id, List<Membership> units,
            @Schema(description = "Their objectives (not archived; in one cycle with cycleId), the most recently changed first, at most 200")
            List<OwnedObjective> objectives,
            @Schema(description = "Whether there were more than 200") boolean objectivesTruncated) {
    }

    private static final String MEMBERSHIPS = "select p.user_id, u.id, u.name, u.type, p.role from ("
            + "select unit_id, user_id, 'MEMBER' as role from org_unit_member where organisation_id = :org "
            + "union all select id, lead_id, 'LEAD' from org_unit where organisation_id = :org and lead_id is not null"
            + ") p join org_unit u on u.id = p.unit_id and u.archived_at is null ";

    /** Up to {@code limit} people whose id sorts after {@code after} (null: from the first), by id. */
    @WithSession
    public Uni<List<Person>> page(UUID organisationId, String after, int limit) {
        return Panache.getSession().chain(s -> s.createNativeQuery(MEMBERSHIPS
                + "where p.user_id in (select distinct q.user_id from (select user_id from org_unit_member m join org_unit mu "
                + "on mu.id = m.unit_id and mu.archived_at is null where m.organisation_id = :org union select lead_id from org_unit "
                + "where organisation_id = :org and lead_id is not null and archived_at is null) q "
                + "where cast(:after as text) is null or q.user_id > cast(:after as text) order by q.user_id limit :limit) "
                + "order by p.user_id, u.name, u.id", Object[].class)
                .setParameter("org", organisationId).setParameter("after", after).setParameter("limit", limit)
                .getResultList())
                .map(People::group);
    }

    /** The person with their units and objectives; a 404 when neither a unit nor an objective knows them. */
    @WithSession
    public Uni<PersonDetail> get(UUID organisationId, String id, UUID cycleId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(MEMBERSHIPS + "where p.user_id = :id order by u.name, u.id",
                Object[].class).setParameter("org", organisationId).setParameter("id", id).getResultList()
                .chain(units -> s.createNativeQuery("select n.id, n.cycle_id, n.title, n.status, n.health, n.own_progress, n.rollup "
                        + "from objective_node n where n.organisation_id = :org and n.owner_type = 'PERSON' and n.owner_id = :id "
                        + "and n.status <> 'ARCHIVED' and (cast(:cycle as uuid) is null or n.cycle_id = cast(:cycle as uuid)) "
                        + "order by n.updated_at desc, n.id limit :limit", Object[].class)
                        .setParameter("org", organisationId).setParameter("id", id)
                        .setParameter("cycle", cycleId == null ? null : cycleId.toString()).setParameter("limit", MAX_OBJECTIVES + 1)
                        .getResultList()
                        .map(objectives -> {
                            if (units.isEmpty() && objectives.isEmpty()) {
                                throw ProblemException.notFound("person", id);
                            }
                            List<Membership> memberships = group(units).stream().flatMap(p -> p.units().stream()).toList();
                            List<OwnedObjective> owned = new ArrayList<>();
                            for (Object[] r : objectives.subList(0, Math.min(MAX_OBJECTIVES, objectives.size()))) {
                                Double own = r[5] == null ? null : ((Number) r[5]).doubleValue();
                                double rollup = ((Number) r[6]).doubleValue();
                                owned.add(new OwnedObjective((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3], (String) r[4],
                                        Rollups.shown(own != null ? own : rollup), Rollups.shown(rollup)));
                            }
                            return new PersonDetail(id, memberships, owned, objectives.size() > MAX_OBJECTIVES);
                        })));
    }

    private static List<Person> group(List<Object[]> rows) {
        Map<String, List<Membership>> byPerson = new LinkedHashMap<>();
        for (Object[] r : rows) {
            byPerson.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(new Membership((UUID) r[1], (String) r[2],
                    OrgUnitType.valueOf((String) r[3]), Role.valueOf((String) r[4])));
        }
        return byPerson.entrySet().stream().map(e -> new Person(e.getKey(), e.getValue())).toList();
    }
}

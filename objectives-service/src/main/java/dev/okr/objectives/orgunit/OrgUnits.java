package dev.okr.objectives.orgunit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.contracts.events.OrgUnitChanged;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The organisation's units as alignment-service publishes them: kept from its events, and asked whether a unit
 * exists and whether the caller belongs to it — so an objective's owner is never a unit of another organisation
 * or none, and only an admin or a unit's members (and lead) give it objectives.
 */
@ApplicationScoped
public class OrgUnits {

    /** Keeps a unit's state; an event older than what is kept changes nothing. Call inside the consumer's transaction. */
    public Uni<Void> apply(OrgUnitChanged unit) {
        return Panache.getSession().chain(s -> s.createNativeQuery("insert into org_unit "
                + "(id, organisation_id, parent_id, unit_type, name, lead_id, members, archived, version) "
                + "values (:id, :org, :parent, :type, :name, :lead, cast(:members as text[]), :archived, :version) "
                + "on conflict (id) do update set parent_id = excluded.parent_id, unit_type = excluded.unit_type, name = excluded.name, "
                + "lead_id = excluded.lead_id, members = excluded.members, archived = excluded.archived, version = excluded.version "
                + "where org_unit.version < excluded.version or (org_unit.version = excluded.version and org_unit.unit_type is null)")
                .setParameter("id", unit.id()).setParameter("org", unit.organisationId()).setParameter("parent", unit.parentId())
                .setParameter("type", unit.type())
                .setParameter("name", unit.name())
                .setParameter("lead", unit.leadId())
                .setParameter("members", unit.members().toArray(String[]::new))
                .setParameter("archived", unit.archived()).setParameter("version", unit.version())
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * The units and people a unit stands for: the unit, its active sub-units at any depth (with
     * {@code descendants}), and their members and leads; a COMPANY unit stands for the company too. A unit that is not
     * an active unit of the organisation is a 404 (see {@link #requireScope} for a filter's 400).
     */
    public Uni<Scope> scope(UUID organisationId, UUID unitId, boolean descendants) {
        return findScope(organisationId, unitId, descendants)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("org unit", unitId));
    }

    /** As {@link #scope}, for a filter: an unknown unit is a 400 naming {@code field}. */
    public Uni<Scope> requireScope(UUID organisationId, UUID unitId, boolean descendants, String field) {
        return findScope(organisationId, unitId, descendants)
                .onItem().ifNull().failWith(() -> ProblemException.invalid(field, "no org unit " + unitId + " in your organisation "
                        + "(a unit created a moment ago is known here within seconds: try again then)"));
    }

    private Uni<Scope> findScope(UUID organisationId, UUID unitId, boolean descendants) {
        String root = "select id from org_unit where id = :id and organisation_id = :org and not archived";
        String units = descendants
                ? "with recursive scope as (" + root + " union select u.id from org_unit u join scope s on u.parent_id = s.id "
                        + "where u.organisation_id = :org and not u.archived) "
                : "with scope as (" + root + ") ";
        String people = "select u.id, p.person, u.id = :id and u.unit_type = 'COMPANY' from org_unit u join scope s on s.id = u.id "
                + "left join lateral unnest(array_append(u.members, u.lead_id)) as p(person) on true";
        return Panache.getSession().chain(s -> s.createNativeQuery(units + people, Object[].class)
                .setParameter("id", unitId).setParameter("org", organisationId).getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        return null;
                    }
                    Set<UUID> ids = new LinkedHashSet<>();
                    Set<String> members = new LinkedHashSet<>();
                    boolean company = false;
                    for (Object[] row : rows) {
                        ids.add((UUID) row[0]);
                        if (row[1] != null) {
                            members.add((String) row[1]);
                        }
                        company |= Boolean.TRUE.equals(row[2]);
                    }
                    return new Scope(ids, members, company);
                });
    }

    /** The units a unit stands for (itself first), the people who belong to them, and whether it stands for the company. */
    public record Scope(Set<UUID> units, Set<String> people, boolean company) {

        /** The unit ids as objectives name their owners. */
        public List<String> unitIds() {
            return units.stream().map(UUID::toString).toList();
        }
    }

    /**
     * That {@code person} is someone the organisation's units know (a member or the lead of an active unit), else a 400
     * naming {@code owner.id}: an objective is not given to a user id nobody knows, such as a typo.
     */
    public Uni<Void> requireKnownPerson(UUID organisationId, String person) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select count(*) from org_unit where organisation_id = :org "
                + "and not archived and (lead_id = :person or :person = any(members))", Long.class)
                .setParameter("org", organisationId).setParameter("person", person).getSingleResult())
                .invoke(count -> {
                    if (count == 0) {
                        throw ProblemException.invalid("owner.id", "no one called " + person + " belongs to a unit of your "
                                + "organisation: add them to a unit first (GET /api/v1/people lists who is known; a change made a "
                                + "moment ago is known here within seconds)");
                    }
                }).replaceWithVoid();
    }

    /**
     * Whether {@code who} may give objectives to this unit: it must be a known, active unit of the caller's
     * organisation (else 400 naming {@code owner.id}), and the caller an admin, one of its members or its lead (else 403).
     */
    public Uni<Void> requireMayGiveObjectives(Caller who, UUID unitId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select name, lead_id = :subject or :subject = any(members) "
                + "from org_unit where id = :id and organisation_id = :org and not archived", Object[].class)
                .setParameter("id", unitId).setParameter("org", who.organisationId()).setParameter("subject", who.subject())
                .getSingleResultOrNull())
                .invoke(row -> {
                    if (row == null) {
                        throw ProblemException.invalid("owner.id", "no org unit " + unitId + " in your organisation (a unit "
                                + "created a moment ago is known here within seconds: try again then)");
                    }
                    if (!who.isAdmin() && !Boolean.TRUE.equals(row[1])) {
                        throw ProblemException.forbidden("Only an admin, or a member or the lead of " + row[0]
                                + ", may give it objectives.");
                    }
                }).replaceWithVoid();
    }
}

package dev.okr.objectives.checkin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.okr.objectives.cycle.Cycle;
import dev.okr.objectives.keyresult.Cadence;
import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.objective.Objective;
import dev.okr.objectives.objective.ObjectiveApi.OwnerView;
import dev.okr.objectives.orgunit.OrgUnits;
import dev.okr.objectives.settings.OrganisationSettings;
import dev.okr.platform.web.Cursor;
import dev.okr.platform.web.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * What is owed: the key results whose next check-in ({@link Cadence#nextDue}) falls on or before a day, for a
 * person (the objectives they own) or a unit (the objectives of the unit, its sub-units and their people). Only
 * key results a person checks in on count — those of active objectives in open cycles that have begun, and not
 * KPI_LINKED ones, which their KPI updates. The most overdue come first.
 */
@ApplicationScoped
public class DueCheckIns {

    @Schema(name = "DueCheckIn", description = "A key result whose check-in is due")
    public record DueCheckIn(
            UUID keyResultId,
            @Schema(example = "1,000 new customers in Q3") String keyResultTitle,
            UUID objectiveId,
            @Schema(example = "Become the market leader in SaaS") String objectiveTitle,
            OwnerView owner,
            Cadence cadence,
            @Schema(nullable = true, description = "Null: never checked in on") Instant lastCheckInAt,
            @Schema(description = "The UTC day the check-in is (or was) due", example = "2026-10-09") LocalDate dueOn,
            @Schema(description = "Days since it was due: 0 on the day, negative for one still to come (withinDays)", example = "3")
            long daysOverdue) {
    }

    /** What the due rule needs of a key result, its objective and its cycle. */
    public record Candidate(UUID keyResultId, String keyResultTitle, Cadence cadence, Instant lastCheckInAt, Instant createdAt,
            UUID objectiveId, String objectiveTitle, Objective.OwnerType ownerType, String ownerId, LocalDate cycleStart,
            LocalDate cycleEnd) {
    }

    private final OrganisationSettings settings;
    private final OrgUnits units;

    public DueCheckIns(OrganisationSettings settings, OrgUnits units) {
        this.settings = settings;
        this.units = units;
    }

    /** The check-ins {@code person} owes on objectives they own, due by {@code until}. */
    @WithSession
    public Uni<Page<DueCheckIn>> ofPerson(UUID organisationId, String person, LocalDate today, LocalDate until, Cursor after,
            int limit) {
        return candidates(organisationId, List.of(person), List.of(), false, today)
                .chain(rows -> page(organisationId, rows, today, until, after, limit));
    }

    /**
     * The check-ins owed on the objectives of a unit (and its sub-units, with {@code descendants}) and of their people;
     * a COMPANY unit owes the company's too.
     */
    @WithSession
    public Uni<Page<DueCheckIn>> ofUnit(UUID organisationId, UUID unitId, boolean descendants, LocalDate today, LocalDate until,
            Cursor after, int limit) {
        return units.scope(organisationId, unitId, descendants)
                .chain(scope -> candidates(organisationId, scope.people(), scope.unitIds(), scope.company(), today))
                .chain(rows -> page(organisationId, rows, today, until, after, limit));
    }

    private Uni<Page<DueCheckIn>> page(UUID organisationId, List<Candidate> rows, LocalDate today, LocalDate until, Cursor after,
            int limit) {
        return settings.of(organisationId).map(s -> {
            List<DueCheckIn> due = owed(rows, s.cadence(), today, until);
            List<DueCheckIn> rest = after == null ? due : due.stream().filter(d -> isAfter(d, after)).toList();
            List<DueCheckIn> shown = new ArrayList<>(rest.subList(0, Math.min(limit + 1, rest.size())));
            return Page.of(shown, limit, d -> new Cursor(dayStart(d.dueOn()), d.keyResultId()), d -> d);
        });
    }

    /** The candidates whose check-in is due by {@code until}, most overdue first (then by key result id). */
    static List<DueCheckIn> owed(List<Candidate> rows, Cadence organisationCadence, LocalDate today, LocalDate until) {
        List<DueCheckIn> due = new ArrayList<>();
        for (Candidate c : rows) {
            Cadence cadence = c.cadence() != null ? c.cadence() : organisationCadence;
            LocalDate next = cadence.nextDue(c.lastCheckInAt(), c.createdAt(), c.cycleStart(), c.cycleEnd());
            if (next != null && !next.isAfter(until)) {
                due.add(new DueCheckIn(c.keyResultId(), c.keyResultTitle(), c.objectiveId(), c.objectiveTitle(),
                        new OwnerView(c.ownerType(), c.ownerId()), cadence, c.lastCheckInAt(), next,
                        ChronoUnit.DAYS.between(next, today)));
            }
        }
        due.sort(Comparator.comparing(DueCheckIn::dueOn).thenComparing(DueCheckIn::keyResultId));
        return due;
    }

    private static boolean isAfter(DueCheckIn d, Cursor after) {
        int byDay = dayStart(d.dueOn()).compareTo(after.createdAt());
        return byDay > 0 || byDay == 0 && d.keyResultId().compareTo(after.id()) > 0;
    }

    private static Instant dayStart(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private Uni<List<Candidate>> candidates(UUID organisationId, Collection<String> people, Collection<String> unitIds,
            boolean company, LocalDate today) {
        List<String> owners = new ArrayList<>();
        if (!people.isEmpty()) {
            owners.add("(o.ownerType = :person and o.ownerId in :people)");
        }
        if (!unitIds.isEmpty()) {
            owners.add("(o.ownerType = :unit and o.ownerId in :units)");
        }
        if (company) {
            owners.add("o.ownerType = :company");
        }
        String query = "select new " + Candidate.class.getName() + "(k.id, k.title, k.cadence, k.lastCheckInAt, k.createdAt, "
                + "o.id, o.title, o.ownerType, o.ownerId, c.startDate, c.endDate) "
                + "from Objective o join Cycle c on c.id = o.cycleId join KeyResult k on k.objectiveId = o.id "
                + "where o.organisationId = :org and o.status = :active and c.status = :open and c.startDate <= :today "
                + "and k.removedAt is null and k.type <> :linked and (" + String.join(" or ", owners) + ")";
        return Panache.getSession().chain(s -> {
            var q = s.createSelectionQuery(query, Candidate.class)
                    .setParameter("org", organisationId).setParameter("active", Objective.Status.ACTIVE)
                    .setParameter("open", Cycle.Status.OPEN).setParameter("today", today)
                    .setParameter("linked", KeyResult.Type.KPI_LINKED);
            if (!people.isEmpty()) {
                q.setParameter("person", Objective.OwnerType.PERSON).setParameter("people", people);
            }
            if (!unitIds.isEmpty()) {
                q.setParameter("unit", Objective.OwnerType.UNIT).setParameter("units", unitIds);
            }
            if (company) {
                q.setParameter("company", Objective.OwnerType.COMPANY);
            }
            return q.getResultList();
        });
    }
}

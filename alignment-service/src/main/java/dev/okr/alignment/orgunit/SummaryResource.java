package dev.okr.alignment.orgunit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.okr.alignment.kpi.Attachments;
import dev.okr.alignment.link.AlignmentQueries;
import dev.okr.alignment.rollup.Rollups;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.web.QueryParams;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/org-units/{id}/summary")
@Tag(name = "org-units")
@Produces(MediaType.APPLICATION_JSON)
public class SummaryResource {

    @Schema(name = "OrgUnitSummary")
    public record Summary(UUID unitId, @Schema(nullable = true) UUID cycleId,
            @Schema(description = "Objectives owned by the unit, the units below it, and their members and leads") int objectives,
            @Schema(description = "The share of them that lead to a company objective", example = "0.8") double alignmentCoverage,
            @Schema(description = "How many are in each health", example = "{\"ON_TRACK\": 3, \"AT_RISK\": 1}") Map<String, Long> healthMix,
            @Schema(description = "The mean roll-up of those objectives", example = "0.42") double rollupProgress,
            @Schema(description = "The KPIs attached to the unit, as they are now (also with asOf)") List<Attachments.Attached> kpis,
            @Schema(nullable = true, description = "The moment the objectives' figures are as of; null: now") Instant asOf) {
    }

    private static final String UNITS = "with recursive units(id) as (select id from org_unit where id = :unit and organisation_id = :org "
            + "and archived_at is null union select u.id from org_unit u join units on u.parent_id = units.id where u.archived_at is null), "
            + "people(user_id) as (select user_id from org_unit_member where unit_id in (select id from units) "
            + "union select lead_id from org_unit where id in (select id from units) and lead_id is not null), ";
    private static final String OWNED = " and (cast(:cycle as uuid) is null or n.cycle_id = cast(:cycle as uuid)) and ("
            + "(n.owner_type = 'UNIT' and n.owner_id in (select cast(id as text) from units)) "
            + "or (n.owner_type = 'PERSON' and n.owner_id in (select user_id from people)) "
            + "or (n.owner_type = 'COMPANY' and exists (select 1 from org_unit c where c.id = :unit and c.type = 'COMPANY')))), ";
    private static final String ALIGNED = "select s.id, s.health, s.rollup, exists (select 1 from up join objective_node c on c.id = up.id "
            + "where up.start = s.id and c.owner_type = 'COMPANY') as aligned from scope s";
    private static final String SCOPE = UNITS + "scope as (select n.id, n.health, n.rollup from objective_node n "
            + "where n.organisation_id = :org and n.status <> 'ARCHIVED'" + OWNED
            + "up(start, id) as (select id, id from scope union select up.start, l.parent_id from alignment_link l join up on l.child_id = up.id) "
            + ALIGNED;
    /** The same as it stood at :at: each objective's status, health and roll-up then, the links that held then. */
    private static final String AT = "cast(cast(:at as text) as timestamptz)";
    private static final String SCOPE_AS_OF = UNITS + "scope as (select n.id, p.health, p.rollup from objective_node n "
            + AlignmentQueries.nodeAt("n", AT) + " where n.organisation_id = :org and p.status <> 'ARCHIVED'" + OWNED
            + "up(start, id) as (select id, id from scope union select up.start, l.parent_id from alignment_link_span l "
            + "join up on l.child_id = up.id where " + AlignmentQueries.linkHeldAt("l", AT) + ") " + ALIGNED;

    private final OrgUnitService units;
    private final Attachments attachments;
    private final CurrentCaller caller;
    private final Clock clock;

    public SummaryResource(OrgUnitService units, Attachments attachments, CurrentCaller caller, Clock clock) {
        this.units = units;
        this.attachments = attachments;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "getOrgUnitSummary", summary = "How an org unit is doing", description = "The objectives owned in the unit and below (by its units and "
            + "their members and leads), the share that lead to a company objective, their health mix and mean roll-up, and the KPIs attached to the unit. "
            + "With asOf (an instant, or a date: its first moment), the objectives' figures as they stood then: those that existed and were "
            + "not archived then, their health and roll-up then, led to a company objective by the links that held then; the unit's "
            + "members and the KPIs as they are now.")
    @APIResponse(responseCode = "200", description = "The summary")
    @APIResponse(responseCode = "400", description = "cycleId not an id; asOf not a date or instant, or in the future")
    @APIResponse(responseCode = "404", description = "No such org unit in your organisation")
    public Uni<Summary> summary(UUID id, @QueryParam("cycleId") String cycleId, @Parameter(description = "A moment in the past: "
            + "the objectives' figures as they stood then", schema = @Schema(type = SchemaType.STRING)) @QueryParam("asOf") String asOf) {
        UUID org = caller.organisationId();
        UUID cycle = QueryParams.uuid("cycleId", cycleId);
        Instant at = QueryParams.past("asOf", asOf, clock.instant());
        return units.get(org, id)
                .chain(unit -> Panache.withSession(() -> Panache.getSession().chain(s -> {
                    var query = s.createNativeQuery(at == null ? SCOPE : SCOPE_AS_OF, Object[].class)
                            .setParameter("unit", id).setParameter("org", org)
                            .setParameter("cycle", cycle == null ? null : cycle.toString());
                    return (at == null ? query : query.setParameter("at", at.toString())).getResultList();
                })))
                .chain(rows -> attachments.ofUnit(org, id).map(kpis -> {
                    Map<String, Long> mix = new TreeMap<>();
                    double rollups = 0;
                    long aligned = 0;
                    for (Object[] r : rows) {
                        mix.merge(r[1] == null ? "UNKNOWN" : (String) r[1], 1L, Long::sum);
                        rollups += ((Number) r[2]).doubleValue();
                        if (Boolean.TRUE.equals(r[3])) {
                            aligned++;
                        }
                    }
                    int n = rows.size();
                    return new Summary(id, cycle, n, n == 0 ? 0 : Rollups.shown((double) aligned / n), mix, n == 0 ? 0 : Rollups.shown(rollups / n), kpis, at);
                }));
    }
}

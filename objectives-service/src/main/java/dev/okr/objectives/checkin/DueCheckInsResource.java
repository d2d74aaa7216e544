package dev.okr.objectives.checkin;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.okr.objectives.checkin.DueCheckIns.DueCheckIn;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.Cursor;
import dev.okr.platform.web.Page;
import dev.okr.platform.web.QueryParams;
import io.smallrye.mutiny.Uni;

/** "What do I owe": the check-ins due from a person, and from a unit's people for its manager. */
@Path("/api/v1")
@Tag(name = "key-results")
@Produces(MediaType.APPLICATION_JSON)
public class DueCheckInsResource {

    /** How far ahead a due list may look. */
    static final int MAX_WITHIN_DAYS = 31;

    private final DueCheckIns due;
    private final CurrentCaller caller;
    private final Clock clock;

    public DueCheckInsResource(DueCheckIns due, CurrentCaller caller, Clock clock) {
        this.due = due;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @Path("/me/check-ins/due")
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "listMyDueCheckIns", summary = "The check-ins I owe", description = "The key results of the objectives the "
            + "caller owns as a person whose check-in is due today (UTC) or overdue, the most overdue first. Each key result is due one "
            + "cadence after its last check-in (or after it began), and on its cycle's last day at the latest; KPI_LINKED key results "
            + "are never due (their KPI updates them), nor are those of closed or archived objectives or of cycles not yet begun.")
    @APIResponse(responseCode = "200", description = "A page of check-ins due, the most overdue first")
    @APIResponse(responseCode = "400", description = "withinDays, limit or cursor out of range, or a token that names no person")
    public Uni<Page<DueCheckIn>> mine(
            @Parameter(description = "Also list those due in the next N days (0–31)", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0"))
            @QueryParam("withinDays") String withinDays,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Caller me = caller.get();
        if (me.subject() == null || me.subject().isBlank()) {
            throw ProblemException.invalid("token", "the check-ins one owes need a token that names a person (its sub claim); this one names none");
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return due.ofPerson(me.organisationId(), me.subject(), today, until(today, withinDays), Cursor.decode(cursor), Page.limit(limit));
    }

    @GET
    @Path("/org-units/{id}/check-ins/due")
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "listUnitDueCheckIns", summary = "The check-ins a unit owes", description = "As the caller's own list, for the "
            + "objectives the unit owns, those of its sub-units at any depth (unless includeDescendants=false) and those their members "
            + "and leads own as persons.")
    @APIResponse(responseCode = "200", description = "A page of check-ins due, the most overdue first")
    @APIResponse(responseCode = "400", description = "withinDays, includeDescendants, limit or cursor out of range")
    @APIResponse(responseCode = "404", description = "No active unit with this id in the caller's organisation")
    public Uni<Page<DueCheckIn>> ofUnit(@PathParam("id") UUID unitId,
            @Parameter(description = "Include the sub-units and their people", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "true"))
            @QueryParam("includeDescendants") String includeDescendants,
            @Parameter(description = "Also list those due in the next N days (0–31)", schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0"))
            @QueryParam("withinDays") String withinDays,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        boolean descendants = !Boolean.FALSE.equals(QueryParams.bool("includeDescendants", includeDescendants));
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return due.ofUnit(caller.organisationId(), unitId, descendants, today, until(today, withinDays), Cursor.decode(cursor),
                Page.limit(limit));
    }

    private static LocalDate until(LocalDate today, String withinDays) {
        Integer days = QueryParams.integer("withinDays", withinDays);
        if (days == null) {
            return today;
        }
        if (days < 0 || days > MAX_WITHIN_DAYS) {
            throw ProblemException.invalid("withinDays", "must be between 0 and " + MAX_WITHIN_DAYS);
        }
        return today.plusDays(days);
    }
}

package dev.okr.objectives.checkin;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.okr.objectives.checkin.CheckInApi.CheckInRequest;
import dev.okr.objectives.checkin.CheckInApi.CheckInResult;
import dev.okr.objectives.checkin.CheckInApi.CheckInView;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.web.Cursor;
import dev.okr.platform.web.Page;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/key-results/{id}/check-ins")
@Tag(name = "key-results")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CheckInResource {

    private final CheckInService checkIns;
    private final CurrentCaller caller;

    public CheckInResource(CheckInService checkIns, CurrentCaller caller) {
        this.checkIns = checkIns;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Caller.MEMBER)
    @Operation(operationId = "createCheckIn", summary = "Check in on a key result", description = "Its new value (NUMERIC), whether it is done (BOOLEAN) or the milestones complete so far (MILESTONES), "
            + "with a confidence 0–10 and a note. The author is the caller.")
    @APIResponse(responseCode = "201", description = "The check-in and the key result after it", content = @Content(schema = @Schema(implementation = CheckInResult.class)))
    @APIResponse(responseCode = "400", description = "Wrong kind of check-in for the key result's type, or confidence out of 0–10")
    @APIResponse(responseCode = "409", description = "The objective is closed or archived")
    public Uni<Response> checkIn(@PathParam("id") UUID id, @Valid @NotNull CheckInRequest request) {
        Caller who = caller.get();
        return checkIns.record(who.organisationId(), who.subject(), id, request).map(result -> Response
                .created(URI.create("/api/v1/key-results/" + id + "/check-ins/" + result.checkIn().id())).entity(result).build());
    }

    @GET
    @Path("/{checkInId}")
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "getCheckIn", summary = "Get a check-in", description = "One check-in of the key result's history.")
    @APIResponse(responseCode = "200", description = "The check-in", content = @Content(schema = @Schema(implementation = CheckInView.class)))
    public Uni<CheckInView> get(@PathParam("id") UUID id, @PathParam("checkInId") UUID checkInId) {
        return checkIns.get(caller.organisationId(), id, checkInId);
    }

    @GET
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "listCheckIns", summary = "A key result's check-ins", description = "Its history, newest first.")
    @APIResponse(responseCode = "200", description = "A page of check-ins")
    public Uni<Page<CheckInView>> history(@PathParam("id") UUID id, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return checkIns.history(caller.organisationId(), id, Cursor.decode(cursor), Page.limit(limit));
    }
}

package dev.okr.objectives.keyresult;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
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
import dev.okr.objectives.checkin.CheckInService;
import dev.okr.objectives.keyresult.KeyResultApi.KeyResultRequest;
import dev.okr.objectives.keyresult.KeyResultApi.KeyResultView;
import dev.okr.objectives.objective.ObjectiveApi.ObjectiveView;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.problem.Problem;
import dev.okr.platform.web.Cursor;
import dev.okr.platform.web.Page;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/key-results")
@Tag(name = "key-results", description = "Key results and their check-ins")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class KeyResultResource {

    private final KeyResultService keyResults;
    private final CheckInService checkIns;
    private final CurrentCaller caller;

    public KeyResultResource(KeyResultService keyResults, CheckInService checkIns, CurrentCaller caller) {
        this.keyResults = keyResults;
        this.checkIns = checkIns;
        this.caller = caller;
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Caller.MEMBER)
    @Operation(summary = "Change a key result", description = "The whole definition, as when it was added; its type cannot change. "
            + "For milestones, send existing ones with their id to keep them. Send If-Match with the key result's ETag.")
    @APIResponse(responseCode = "200", description = "The key result", content = @Content(schema = @Schema(implementation = KeyResultView.class)))
    @APIResponse(responseCode = "400", description = "Invalid for its type", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "Changed since you read it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> change(UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull KeyResultRequest request) {
        return keyResults.change(caller.organisationId(), id, ifMatch, request)
                .map(kr -> Response.ok(kr).tag(new EntityTag(String.valueOf(kr.version()))).build());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Caller.MEMBER)
    @Operation(summary = "Remove a key result", description = "Its check-ins stay as history. Send If-Match with the key result's ETag.")
    @APIResponse(responseCode = "200", description = "The objective without it", content = @Content(schema = @Schema(implementation = ObjectiveView.class)))
    public Uni<ObjectiveView> remove(UUID id, @HeaderParam("If-Match") String ifMatch) {
        return keyResults.remove(caller.organisationId(), id, ifMatch);
    }

    @POST
    @Path("/{id}/check-ins")
    @RolesAllowed(Caller.MEMBER)
    @Operation(summary = "Check in on a key result", description = "Its new value (NUMERIC), whether it is done (BOOLEAN) or the milestones complete so far (MILESTONES), "
            + "with a confidence 0–10 and a note. The author is the caller.")
    @APIResponse(responseCode = "201", description = "The check-in and the key result after it", content = @Content(schema = @Schema(implementation = CheckInResult.class)))
    @APIResponse(responseCode = "400", description = "Wrong kind of check-in for the key result's type, or confidence out of 0–10", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The objective is closed or archived", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> checkIn(UUID id, @Valid @NotNull CheckInRequest request) {
        Caller who = caller.get();
        return checkIns.record(who.organisationId(), who.subject(), id, request)
                .map(result -> Response.created(URI.create("/api/v1/key-results/" + id + "/check-ins")).entity(result).build());
    }

    @GET
    @Path("/{id}/check-ins")
    @RolesAllowed(Caller.VIEWER)
    @Operation(summary = "A key result's check-ins", description = "Its history, newest first.")
    @APIResponse(responseCode = "200", description = "A page of check-ins")
    public Uni<Page<CheckInView>> history(UUID id, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return checkIns.history(caller.organisationId(), id, Cursor.decode(cursor), Page.limit(limit));
    }
}

package dev.okr.objectives.objective;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.okr.objectives.keyresult.KeyResultApi.KeyResultRequest;
import dev.okr.objectives.keyresult.KeyResultApi.KeyResultView;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/key-results")
@Tag(name = "key-results", description = "Key results and their check-ins")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class KeyResultResource {

    private final KeyResultService keyResults;
    private final ProgressHistory history;
    private final CurrentCaller caller;

    public KeyResultResource(KeyResultService keyResults, ProgressHistory history, CurrentCaller caller) {
        this.keyResults = keyResults;
        this.history = history;
        this.caller = caller;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "getKeyResult", summary = "Get a key result", description = "As its objective shows it, progress and health as of now; its ETag "
            + "is what a change of it sends as If-Match. With asOf, as it stood then (see getObjective).")
    @APIResponse(responseCode = "200", description = "The key result", content = @Content(schema = @Schema(implementation = KeyResultView.class)))
    @APIResponse(responseCode = "400", description = "asOf not a date or instant, or in the future")
    @APIResponse(responseCode = "404", description = "No such key result in the caller's organisation, or none yet at asOf")
    public Uni<Response> get(UUID id, @Parameter(description = "A moment in the past (see getObjective's asOf)",
            schema = @Schema(type = SchemaType.STRING)) @QueryParam("asOf") String asOf) {
        if (asOf != null && !asOf.isBlank()) {
            return history.keyResultAsOf(caller.organisationId(), id, asOf).map(ObjectiveResource::past);
        }
        return keyResults.get(caller.organisationId(), id)
                .map(KeyResultResource::ok);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Caller.MEMBER)
    @Operation(operationId = "updateKeyResult", summary = "Change a key result", description = "The whole definition, as when it was added; its type cannot change. "
            + "For milestones, send existing ones with their id to keep them. Send If-Match with the key result's ETag.")
    @APIResponse(responseCode = "200", description = "The key result", content = @Content(schema = @Schema(implementation = KeyResultView.class)))
    @APIResponse(responseCode = "400", description = "Invalid for its type")
    public Uni<Response> change(UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull KeyResultRequest request) {
        return keyResults.change(caller.organisationId(), id, ifMatch, request)
                .map(KeyResultResource::ok);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Caller.MEMBER)
    @Operation(operationId = "removeKeyResult", summary = "Remove a key result", description = "Its check-ins stay as history. Send If-Match with the key result's ETag.")
    @APIResponse(responseCode = "204", description = "Removed: the objective no longer counts it")
    public Uni<Response> remove(UUID id, @HeaderParam("If-Match") String ifMatch) {
        return keyResults.remove(caller.organisationId(), id, ifMatch).map(v -> Response.noContent().build());
    }

    /** The key result with its ETag. */
    static Response ok(KeyResultView kr) {
        return Response.ok(kr).tag(new EntityTag(String.valueOf(kr.version()))).build();
    }
}

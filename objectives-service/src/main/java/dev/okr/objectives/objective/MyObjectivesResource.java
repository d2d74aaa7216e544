package dev.okr.objectives.objective;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.okr.objectives.objective.ObjectiveApi.ObjectiveView;
import dev.okr.objectives.scoring.Health;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.web.Cursor;
import dev.okr.platform.web.Page;
import io.smallrye.mutiny.Uni;

/** What a person opens first: the objectives they own. */
@Path("/api/v1/me/objectives")
@Tag(name = "objectives")
@Produces(MediaType.APPLICATION_JSON)
public class MyObjectivesResource {

    private final ObjectiveService objectives;
    private final CurrentCaller caller;

    public MyObjectivesResource(ObjectiveService objectives, CurrentCaller caller) {
        this.objectives = objectives;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "listMyObjectives", summary = "List my objectives", description = "The objectives the caller owns as a "
            + "person (owner type PERSON, id the subject of their token), in creation order, filtered and paged as the list of objectives.")
    @APIResponse(responseCode = "200", description = "A page of the caller's objectives with their key results")
    @APIResponse(responseCode = "400", description = "A filter that is not one of its values (each named)")
    public Uni<Page<ObjectiveView>> list(@QueryParam("cycleId") String cycleId,
            @Parameter(schema = @Schema(implementation = Objective.Status.class)) @QueryParam("status") String status,
            @Parameter(schema = @Schema(implementation = Health.class)) @QueryParam("health") String health,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int size = Page.limit(limit);
        Caller me = caller.get();
        var filter = ObjectiveRepository.Filter.of(cycleId, Objective.OwnerType.PERSON, ObjectiveResource.mine(me, "token"), status, health, null, null);
        return objectives.list(me.organisationId(), filter, Cursor.decode(cursor), size);
    }
}

package dev.okr.objectives.objective;

import java.time.Clock;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

import dev.okr.objectives.cycle.CycleApi.CycleView;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.web.QueryParams;
import io.smallrye.mutiny.Uni;

/** Closing a cycle is a change of each of its objectives: it lives with them, under the cycle's path. */
@Path("/api/v1/cycles/{id}/close")
@Tag(name = "cycles")
@Produces(MediaType.APPLICATION_JSON)
public class CycleClosingResource {

    private final CycleClosing closing;
    private final CurrentCaller caller;
    private final Clock clock;

    public CycleClosingResource(CycleClosing closing, CurrentCaller caller, Clock clock) {
        this.closing = closing;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @RolesAllowed(Caller.MEMBER)
    @Operation(operationId = "closeCycle", summary = "Close a cycle", description = "Freezes each of its active objectives with its final score (its progress, 0.0–1.0, "
            + "to two decimals); closed objectives no longer change and can be carried into another cycle. Send If-Match. A cycle "
            + "whose last day has not passed (UTC) is closed only with force=true.")
    @APIResponse(responseCode = "200", description = "The closed cycle", content = @Content(schema = @Schema(implementation = CycleView.class)))
    @APIResponse(responseCode = "400", description = "force is not true or false")
    @APIResponse(responseCode = "409", description = "Already closed, or still running and force is not true")
    public Uni<Response> close(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
            @Parameter(description = "Close a cycle before its end date", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
            @QueryParam("force") String force) {
        boolean early = Boolean.TRUE.equals(QueryParams.bool("force", force));
        return closing.close(caller.organisationId(), id, ifMatch, early, clock.instant()).map(c -> Response.ok(CycleView.of(c, clock.instant()))
                .tag(new EntityTag(String.valueOf(c.version))).build());
    }
}

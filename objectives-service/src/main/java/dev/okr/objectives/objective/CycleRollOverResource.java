package dev.okr.objectives.objective;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.okr.objectives.objective.RollOverService.CycleRollOver;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import io.smallrye.mutiny.Uni;

/** Rolling a whole cycle over is a change of each of its objectives: it lives with them, under the cycle's path. */
@Path("/api/v1/cycles/{id}/roll-over")
@Tag(name = "cycles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CycleRollOverResource {

    @Schema(name = "CycleRollOverRequest")
    public record RollOverRequest(
            @NotNull @Schema(description = "The open cycle to carry the objectives into") UUID targetCycleId,
            @Size(min = 1, max = 1000) @Schema(description = "Only these objectives of the cycle; absent: every one not achieved")
            List<@NotNull UUID> objectiveIds) {
    }

    private final RollOverService rollOver;
    private final CurrentCaller caller;

    public CycleRollOverResource(RollOverService rollOver, CurrentCaller caller) {
        this.rollOver = rollOver;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Caller.MEMBER)
    @Operation(operationId = "rollOverCycle", summary = "Carry a closed cycle's unachieved objectives into another cycle", description = "Each objective "
            + "of the closed cycle that was not achieved (or each one named) becomes a new objective in the target cycle, as the "
            + "single roll-over makes it: same owner, kind and key results (KPI links kept), each starting where it ended, linked "
            + "both ways (rolledOverFrom, rolledOverTo). alignment-service then aligns each copy as its original was: under the copy "
            + "of its parent where that was rolled over too, else under the parent itself, and takes over the original's KPI "
            + "attachments. Calling again carries nothing twice: the answer names what was carried before (ALREADY_ROLLED_OVER).")
    @APIResponse(responseCode = "200", description = "What became of each objective", content = @Content(schema = @Schema(implementation = CycleRollOver.class)))
    @APIResponse(responseCode = "400", description = "The target is this cycle or not a cycle of yours, or a named objective is not a closed objective of it")
    @APIResponse(responseCode = "404", description = "No such cycle")
    @APIResponse(responseCode = "409", description = "The cycle is still open, or the target is closed")
    public Uni<CycleRollOver> rollOver(@PathParam("id") UUID id, @Valid @NotNull RollOverRequest request) {
        List<UUID> only = request.objectiveIds() == null ? null : new ArrayList<>(new LinkedHashSet<>(request.objectiveIds()));
        return rollOver.rollOverCycle(caller.organisationId(), id, request.targetCycleId(), only);
    }
}

package dev.okr.alignment.kpi;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.QueryParams;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/kpi-attachments")
@Tag(name = "kpi-attachments", description = "KPIs attached to objectives and org units as health metrics to watch")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AttachmentResource {

    @Schema(name = "KpiAttachmentRequest", description = "A KPI to attach to an objective or to an org unit (one of them)")
    public record AttachmentRequest(@NotNull UUID kpiId, UUID objectiveId, UUID unitId) {
    }

    private final Attachments attachments;
    private final CurrentCaller caller;

    public AttachmentResource(Attachments attachments, CurrentCaller caller) {
        this.attachments = attachments;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Caller.MEMBER)
    @Operation(operationId = "attachKpi", summary = "Attach a KPI to an objective or an org unit")
    @APIResponse(responseCode = "201", description = "Attached", content = @Content(schema = @Schema(implementation = Attachments.Attached.class)))
    @APIResponse(responseCode = "400", description = "Unknown KPI, objective or unit, or not exactly one target")
    @APIResponse(responseCode = "409", description = "Already attached there")
    public Uni<Response> attach(@Valid @NotNull AttachmentRequest request) {
        return attachments.attach(caller.organisationId(), request.kpiId(), request.objectiveId(), request.unitId())
                .map(attached -> Response.created(URI.create("/api/v1/kpi-attachments/" + attached.id())).entity(attached).build());
    }

    @GET
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "listKpiAttachments", summary = "The KPIs attached to objectives or an org unit", description = "With each KPI's current value and status. "
            + "Give one of objectiveId, objectiveIds (comma-separated, at most 100: one call for a page of objectives) or unitId.")
    @APIResponse(responseCode = "200", description = "The attached KPIs")
    @APIResponse(responseCode = "400", description = "None or several of the parameters, or an id that is not a UUID")
    public Uni<List<Attachments.Attached>> list(@QueryParam("objectiveId") String objectiveId, @QueryParam("objectiveIds") String objectiveIds,
            @QueryParam("unitId") String unitId) {
        UUID objective = QueryParams.uuid("objectiveId", objectiveId);
        UUID unit = QueryParams.uuid("unitId", unitId);
        List<UUID> objectives = objectiveIds == null ? null : QueryParams.uuids("objectiveIds", objectiveIds, 100);
        int given = (objective == null ? 0 : 1) + (unit == null ? 0 : 1) + (objectives == null ? 0 : 1);
        if (given != 1) {
            throw ProblemException.invalid("objectiveId", "give one of objectiveId, objectiveIds or unitId");
        }
        UUID org = caller.organisationId();
        if (objectives != null) {
            return attachments.ofObjectives(org, objectives);
        }
        return objective != null ? attachments.ofObjective(org, objective) : attachments.ofUnit(org, unit);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Caller.MEMBER)
    @Operation(operationId = "detachKpi", summary = "Detach a KPI", description = "Send If-Match: an attachment never changes, so its ETag is always \"0\" (or send *).")
    @APIResponse(responseCode = "204", description = "Detached")
    public Uni<Response> detach(UUID id, @HeaderParam("If-Match") String ifMatch) {
        return attachments.detach(caller.organisationId(), id, ifMatch).map(v -> Response.noContent().build());
    }
}

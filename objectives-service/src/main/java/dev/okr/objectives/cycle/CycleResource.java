package dev.okr.objectives.cycle;

import java.net.URI;
import java.time.Clock;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.okr.objectives.cycle.CycleApi.CycleRequest;
import dev.okr.objectives.cycle.CycleApi.CycleView;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.web.Cursor;
import dev.okr.platform.web.Page;
import dev.okr.platform.web.QueryParams;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/cycles")
@Tag(name = "cycles", description = "The periods objectives belong to (2026-Q4, FY2026)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CycleResource {

    private final CycleService cycles;
    private final CurrentCaller caller;
    private final Clock clock;

    public CycleResource(CycleService cycles, CurrentCaller caller, Clock clock) {
        this.cycles = cycles;
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @RolesAllowed("member")
    @Operation(operationId = "createCycle", summary = "Create a cycle", description = "Start and end dates are both included; a cycle spans at most 366 days and its name is unique in the organisation.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = CycleView.class)))
    @APIResponse(responseCode = "409", description = "The name is taken")
    public Uni<Response> create(@Valid @NotNull CycleRequest request) {
        return cycles.create(caller.organisationId(), request)
                .map(c -> Response.created(URI.create("/api/v1/cycles/" + c.id)).tag(etag(c))
                        .entity(CycleView.of(c, clock.instant())).build());
    }

    @GET
    @RolesAllowed("viewer")
    @Operation(operationId = "listCycles", summary = "List cycles", description = "In creation order; pass nextCursor back as cursor for the next page.")
    @APIResponse(responseCode = "200", description = "A page of cycles")
    public Uni<Page<CycleView>> list(
            @Parameter(schema = @Schema(implementation = Cycle.Status.class)) @QueryParam("status") String statusName,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int size = Page.limit(limit);
        Cycle.Status status = QueryParams.enumValue("status", statusName, Cycle.Status.class);
        Cursor after = Cursor.decode(cursor);
        return cycles.page(caller.organisationId(), status, after, size)
                .map(rows -> Page.of(rows, size, c -> new Cursor(c.createdAt, c.id), c -> CycleView.of(c, clock.instant())));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed("viewer")
    @Operation(operationId = "getCycle", summary = "Get a cycle")
    @APIResponse(responseCode = "200", description = "The cycle, with its ETag", content = @Content(schema = @Schema(implementation = CycleView.class)))
    public Uni<Response> get(UUID id) {
        return cycles.get(caller.organisationId(), id)
                .map(c -> Response.ok(CycleView.of(c, clock.instant())).tag(etag(c)).build());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed("member")
    @Operation(operationId = "updateCycle", summary = "Change a cycle's name or dates", description = "Send If-Match with the ETag you read; a closed cycle cannot change.")
    @APIResponse(responseCode = "200", description = "The changed cycle", content = @Content(schema = @Schema(implementation = CycleView.class)))
    @APIResponse(responseCode = "409", description = "Closed, or the name is taken")
    public Uni<Response> update(UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull CycleRequest request) {
        return cycles.update(caller.organisationId(), id, ifMatch, request)
                .map(c -> Response.ok(CycleView.of(c, clock.instant())).tag(etag(c)).build());
    }

    private static EntityTag etag(Cycle c) {
        return new EntityTag(String.valueOf(c.version));
    }
}

package dev.okr.alignment.orgunit;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.okr.alignment.orgunit.OrgUnitApi.OrgUnitNode;
import dev.okr.alignment.orgunit.OrgUnitApi.OrgUnitRequest;
import dev.okr.alignment.orgunit.OrgUnitApi.OrgUnitView;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.problem.Problem;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/org-units")
@Tag(name = "org-units", description = "The organisation's structure: company, departments, teams")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrgUnitResource {

    private final OrgUnitService units;
    private final CurrentCaller caller;

    public OrgUnitResource(OrgUnitService units, CurrentCaller caller) {
        this.units = units;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Create an org unit", description = "Admins only. One COMPANY at the root; DEPARTMENTs under the company or a department; TEAMs under a department or a team.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = OrgUnitView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields or placement", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "A second company", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(@Valid @NotNull OrgUnitRequest request) {
        return units.create(caller.organisationId(), request)
                .map(u -> Response.created(URI.create("/api/v1/org-units/" + u.id)).tag(new EntityTag(String.valueOf(u.version)))
                        .entity(OrgUnitView.of(u)).build());
    }

    @GET
    @Path("/tree")
    @RolesAllowed(Caller.VIEWER)
    @Operation(summary = "The organisation's structure as a tree", description = "The company with the units under it, each level in creation order.")
    @APIResponse(responseCode = "200", description = "The roots (normally one: the company) with their children")
    public Uni<List<OrgUnitNode>> tree() {
        return units.all(caller.organisationId()).map(OrgUnitApi::tree);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Caller.VIEWER)
    @Operation(summary = "Get an org unit")
    @APIResponse(responseCode = "200", description = "The unit", content = @Content(schema = @Schema(implementation = OrgUnitView.class)))
    @APIResponse(responseCode = "404", description = "No such unit in your organisation", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(UUID id) {
        return units.get(caller.organisationId(), id)
                .map(u -> Response.ok(OrgUnitView.of(u)).tag(new EntityTag(String.valueOf(u.version))).build());
    }
}

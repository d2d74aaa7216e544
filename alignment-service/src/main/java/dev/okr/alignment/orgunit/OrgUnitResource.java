package dev.okr.alignment.orgunit;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.okr.alignment.orgunit.OrgUnitApi.OrgUnitNode;
import dev.okr.alignment.orgunit.OrgUnitApi.OrgUnitRequest;
import dev.okr.alignment.orgunit.OrgUnitApi.OrgUnitView;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.web.MergePatch;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/org-units")
@Tag(name = "org-units", description = "The organisation's structure: company, departments, teams")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrgUnitResource {

    private final OrgUnitService units;
    private final CurrentCaller caller;
    private final ObjectMapper json;
    private final Validator validator;

    public OrgUnitResource(OrgUnitService units, CurrentCaller caller, ObjectMapper json, Validator validator) {
        this.units = units;
        this.caller = caller;
        this.json = json;
        this.validator = validator;
    }

    @POST
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "createOrgUnit", summary = "Create an org unit", description = "Admins only. One COMPANY at the root; DEPARTMENTs under the company or a department; TEAMs under a department or a team.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = OrgUnitView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields or placement")
    @APIResponse(responseCode = "409", description = "A second company")
    public Uni<Response> create(@Valid @NotNull OrgUnitRequest request) {
        return units.create(caller.organisationId(), request)
                .map(u -> Response.created(URI.create("/api/v1/org-units/" + u.id)).tag(new EntityTag(String.valueOf(u.version)))
                        .entity(OrgUnitView.of(u, List.of())).build());
    }

    @GET
    @Path("/tree")
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "getOrgUnitTree", summary = "The organisation's structure as a tree", description = "The company with the units under it, each level in creation order.")
    @APIResponse(responseCode = "200", description = "The roots (normally one: the company) with their children")
    public Uni<List<OrgUnitNode>> tree() {
        return units.all(caller.organisationId()).map(OrgUnitApi::tree);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "getOrgUnit", summary = "Get an org unit")
    @APIResponse(responseCode = "200", description = "The unit", content = @Content(schema = @Schema(implementation = OrgUnitView.class)))
    public Uni<Response> get(UUID id) {
        return units.get(caller.organisationId(), id).chain(this::answer);
    }

    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Path("/{id}")
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "patchOrgUnit", summary = "Rename or move an org unit, or change its lead", description = "Admins only. Send If-Match. A unit cannot move under itself or one of its own units.")
    @APIResponse(responseCode = "200", description = "The unit", content = @Content(schema = @Schema(implementation = OrgUnitView.class)))
    @APIResponse(responseCode = "400", description = "A misplaced move, naming parentId")
    @RequestBody(content = @Content(schema = @Schema(implementation = OrgUnitApi.OrgUnitPatch.class)))
    public Uni<Response> patch(UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull JsonNode body) throws JsonProcessingException {
        MergePatch<OrgUnitApi.OrgUnitPatch> patch = MergePatch.read(body, OrgUnitApi.OrgUnitPatch.class, json, validator);
        return units.patch(caller.organisationId(), id, ifMatch, patch).chain(this::answer);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "archiveOrgUnit", summary = "Archive an org unit", description = "Admins only; a unit with active units under it cannot be archived. Send If-Match.")
    @APIResponse(responseCode = "204", description = "Archived")
    @APIResponse(responseCode = "409", description = "It has units under it")
    public Uni<Response> archive(UUID id, @HeaderParam("If-Match") String ifMatch) {
        return units.archive(caller.organisationId(), id, ifMatch).map(v -> Response.noContent().build());
    }

    @PUT
    @Path("/{id}/members")
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "setOrgUnitMembers", summary = "Set an org unit's members", description = "Admins only: the user ids (token subjects) of the people in the unit, "
            + "replacing the current list. Send If-Match with the unit's ETag: the members are part of the unit, and its version moves.")
    @APIResponse(responseCode = "200", description = "The unit with its members", content = @Content(schema = @Schema(implementation = OrgUnitView.class)))
    public Uni<Response> members(UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull OrgUnitApi.MembersRequest request) {
        return units.setMembers(caller.organisationId(), id, ifMatch, request.members()).chain(this::answer);
    }

    private Uni<Response> answer(OrgUnit u) {
        return units.members(u.id).map(members -> Response.ok(OrgUnitView.of(u, members))
                .tag(new EntityTag(String.valueOf(u.version))).build());
    }
}

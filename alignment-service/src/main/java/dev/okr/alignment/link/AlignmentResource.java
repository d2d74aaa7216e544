package dev.okr.alignment.link;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

import dev.okr.alignment.link.LinkApi.Alignment;
import dev.okr.alignment.link.LinkApi.Node;
import dev.okr.alignment.link.LinkApi.ParentsRequest;
import dev.okr.alignment.link.LinkApi.Paths;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.web.QueryParams;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/alignment")
@Tag(name = "alignment", description = "How objectives align, company → department → team → person, and their roll-ups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlignmentResource {

    private final LinkService links;
    private final AlignmentQueries queries;
    private final CurrentCaller caller;
    private final Clock clock;

    public AlignmentResource(LinkService links, AlignmentQueries queries, CurrentCaller caller, Clock clock) {
        this.links = links;
        this.queries = queries;
        this.caller = caller;
        this.clock = clock;
    }

    @PUT
    @Path("/objectives/{id}/parents")
    @RolesAllowed(Caller.MEMBER)
    @Operation(operationId = "setParents", summary = "Align an objective to its parents", description = "Replaces its parent objectives, each with a contribution "
            + "weight; the roll-ups of every ancestor follow at once. Links form a DAG: a link that would make a circle is refused.")
    @APIResponse(responseCode = "200", description = "The alignment and the objective's roll-up", content = @Content(schema = @Schema(implementation = Alignment.class)))
    @APIResponse(responseCode = "400", description = "An unknown parent, a weight ≤ 0, or a circle (the parent is named)")
    @APIResponse(responseCode = "412", description = "Its parents changed since you read them")
    @APIResponse(responseCode = "428", description = "If-Match missing (the ETag of GET …/parents)")
    public Uni<Response> setParents(UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull ParentsRequest request) {
        return links.setParents(caller.organisationId(), id, ifMatch, request.parents()).map(AlignmentResource::tagged);
    }

    private static Response tagged(Alignment alignment) {
        return Response.ok(alignment).tag(new EntityTag(String.valueOf(alignment.version()))).build();
    }

    @GET
    @Path("/objectives/{id}/parents")
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "getParents", summary = "The objectives this one aligns to")
    @APIResponse(responseCode = "200", description = "Its parents and its roll-up, with the ETag to send when changing them",
            content = @Content(schema = @Schema(implementation = Alignment.class)))
    public Uni<Response> parents(UUID id) {
        return links.parents(caller.organisationId(), id).map(AlignmentResource::tagged);
    }

    @GET
    @Path("/objectives/{id}/tree")
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "getAlignmentTree", summary = "The objectives aligned under this one", description = "Each with its own progress, "
            + "health and roll-up, down to depth levels (default 5, at most 20). With asOf (an instant, or a date: its first moment), "
            + "as it stood then: the links that held then, each objective's status, health, own progress and roll-up then, "
            + "dated by when they became true (a check-in's date, a KPI value's observation); titles and owners as they are now; "
            + "objectives that did not exist yet are left out.")
    @APIResponse(responseCode = "200", description = "The tree", content = @Content(schema = @Schema(implementation = Node.class)))
    @APIResponse(responseCode = "400", description = "depth out of 1–20, or a tree of more than 100,000 places (ask for fewer levels); "
            + "asOf not a date or instant, or in the future")
    @APIResponse(responseCode = "404", description = "No such objective in your organisation (at asOf: none yet)")
    public Uni<Response> tree(UUID id, @QueryParam("depth") String depth, @Parameter(description = "A moment in the past: "
            + "the tree as it stood then", schema = @Schema(type = SchemaType.STRING)) @QueryParam("asOf") String asOf) {
        Integer levels = QueryParams.integer("depth", depth);
        Instant at = QueryParams.past("asOf", asOf, clock.instant());
        UUID org = caller.organisationId();
        int depthOrDefault = levels == null ? 5 : levels;
        return (at == null ? queries.tree(org, id, depthOrDefault) : queries.tree(org, id, depthOrDefault, at))
                .map(json -> Response.ok(json, MediaType.APPLICATION_JSON_TYPE).build());
    }

    @GET
    @Path("/objectives/{id}/path")
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "getAlignmentPaths", summary = "How this objective connects to the mission", description = "Every path from it up to a company objective.")
    @APIResponse(responseCode = "200", description = "The paths", content = @Content(schema = @Schema(implementation = Paths.class)))
    public Uni<Paths> path(UUID id) {
        return queries.paths(caller.organisationId(), id);
    }

    @GET
    @Path("/orphans")
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "listOrphans", summary = "Objectives that lead to no company objective", description = "Optionally in one cycle.")
    @APIResponse(responseCode = "200", description = "The objectives aligned to nothing that reaches the company")
    public Uni<List<Node>> orphans(@QueryParam("cycleId") String cycleId) {
        return queries.orphans(caller.organisationId(), QueryParams.uuid("cycleId", cycleId));
    }
}

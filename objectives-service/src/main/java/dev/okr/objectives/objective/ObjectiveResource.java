package dev.okr.objectives.objective;

import java.net.URI;
import java.time.Clock;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.okr.objectives.keyresult.KeyResultApi.KeyResultOrder;
import dev.okr.objectives.keyresult.KeyResultApi.KeyResultRequest;
import dev.okr.objectives.keyresult.KeyResultApi.KeyResultView;
import dev.okr.objectives.objective.ObjectiveApi.ObjectivePatch;
import dev.okr.objectives.objective.ObjectiveApi.ObjectiveRequest;
import dev.okr.objectives.objective.ObjectiveApi.ObjectiveView;
import dev.okr.objectives.objective.ObjectiveApi.RollOverRequest;
import dev.okr.objectives.scoring.Health;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.Cursor;
import dev.okr.platform.web.MergePatch;
import dev.okr.platform.web.Page;
import dev.okr.platform.web.QueryParams;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/objectives")
@Tag(name = "objectives", description = "Objectives with their key results, progress, health and score")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ObjectiveResource {

    private final ObjectiveService objectives;
    private final KeyResultService keyResults;
    private final RollOverService rollOver;
    private final CurrentCaller caller;
    private final ObjectMapper json;
    private final Validator validator;
    private final ProgressHistory history;
    private final Clock clock;

    public ObjectiveResource(ObjectiveService objectives, KeyResultService keyResults, RollOverService rollOver,
            CurrentCaller caller, ObjectMapper json,
            Validator validator, ProgressHistory history, Clock clock) {
        this.objectives = objectives;
        this.keyResults = keyResults;
        this.rollOver = rollOver;
        this.caller = caller;
        this.json = json;
        this.validator = validator;
        this.history = history;
        this.clock = clock;
    }

    @POST
    @RolesAllowed(Caller.MEMBER)
    @Operation(operationId = "createObjective", summary = "Create an objective", description = "In an open cycle, owned by the company, an org unit or a person, optionally with its key results.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = ObjectiveView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (each named), unknown cycle or KPI")
    @APIResponse(responseCode = "409", description = "The cycle is closed")
    public Uni<Response> create(@Valid @NotNull ObjectiveRequest request) {
        return objectives.create(caller.get(), request).map(ObjectiveResource::created);
    }

    @GET
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "listObjectives", summary = "List objectives", description = "In creation order, filtered by cycle, owner, status and health "
            + "(health as of the last change or the last health sweep); archived objectives only with status=ARCHIVED. "
            + "owner=me (or ownerId=me) lists the caller's own, as GET /api/v1/me/objectives does. unitId lists a unit's: those it owns, "
            + "those of its sub-units at any depth (unless includeDescendants=false), and those their members and leads own as persons "
            + "(a COMPANY unit's include the company's), as the unit's summary counts them. With asOf, each objective of the page as it "
            + "stood then (see getObjective); those that had no history yet then are left out of the page, and status and health, "
            + "which filter by the state now, are refused.")
    @APIResponse(responseCode = "200", description = "A page of objectives with their key results")
    @APIResponse(responseCode = "400", description = "A filter that is not one of its values (each named), or a unit not known; "
            + "asOf not a date or instant, in the future, or with status or health")
    public Uni<Page<ObjectiveView>> list(@QueryParam("cycleId") String cycleId,
            @Parameter(schema = @Schema(implementation = Objective.OwnerType.class)) @QueryParam("ownerType") String ownerType,
            @Parameter(description = "A person's id (the subject of their token), an org unit's id, or me") @QueryParam("ownerId") String ownerId,
            @Parameter(description = "me: the caller's own objectives (owner type PERSON, their subject)", schema = @Schema(enumeration = "me"))
            @QueryParam("owner") String owner,
            @Parameter(schema = @Schema(implementation = Objective.Status.class)) @QueryParam("status") String status,
            @Parameter(schema = @Schema(implementation = Health.class)) @QueryParam("health") String health,
            @Parameter(description = "An org unit: its objectives, its sub-units' and their people's") @QueryParam("unitId") String unitId,
            @Parameter(description = "With unitId: include the sub-units and their people", schema = @Schema(type = SchemaType.BOOLEAN,
                    defaultValue = "true")) @QueryParam("includeDescendants") String includeDescendants,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
            @Parameter(description = "A moment in the past: a date (its first moment, UTC) or an instant", schema = @Schema(type = SchemaType.STRING))
            @QueryParam("asOf") String asOf) {
        int size = Page.limit(limit);
        Caller me = caller.get();
        boolean past = asOf != null && !asOf.isBlank();
        if (past) {
            QueryParams.past("asOf", asOf, clock.instant());
            if (status != null || health != null) {
                throw ProblemException.invalid(status != null ? "status" : "health", "filters objectives as they are now: "
                        + "with asOf, leave it out");
            }
        }
        Objective.OwnerType type = QueryParams.enumValue("ownerType", ownerType, Objective.OwnerType.class);
        String id = ownerId == null || ownerId.isBlank() ? null : ownerId.trim();
        if (owner != null) {
            if (!"me".equals(owner.trim())) {
                throw ProblemException.invalid("owner", "only 'me' is accepted; another owner is chosen with ownerType and ownerId");
            }
            if (type != null || id != null) {
                throw ProblemException.invalid("owner", "owner=me names the owner already: leave ownerType and ownerId out");
            }
            type = Objective.OwnerType.PERSON;
            id = mine(me, "owner");
        } else if ("me".equals(id)) {
            if (type != null && type != Objective.OwnerType.PERSON) {
                throw ProblemException.invalid("ownerType", "ownerId=me is a person: leave ownerType out or make it PERSON");
            }
            type = Objective.OwnerType.PERSON;
            id = mine(me, "ownerId");
        }
        var filter = ObjectiveRepository.Filter.of(cycleId, type, id, status, health, unitId, includeDescendants);
        // as of a moment: those archived since count, those archived by then do not (pageAsOf decides by the state then)
        Uni<Page<ObjectiveView>> page = objectives.list(me.organisationId(), past ? filter.withArchived() : filter, Cursor.decode(cursor), size);
        return past ? page.chain(now -> history.pageAsOf(me.organisationId(), now, asOf)) : page;
    }

    /** The caller as an owner: the subject of their token, which a token for a person always names. */
    static String mine(Caller me, String field) {
        if (me.subject() == null || me.subject().isBlank()) {
            throw ProblemException.invalid(field, "'me' needs a token that names a person (its sub claim); this one names none");
        }
        return me.subject();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "getObjective", summary = "Get an objective", description = "Progress and health are computed as of now: a key result that sits still slides behind pace as the cycle goes on. "
            + "With asOf, as it stood then: its progress, health (judged then), score (once closed by then) and the key results it had then "
            + "with their values, progress, confidence and last check-in then, by the dates values were observed and check-ins dated; what "
            + "people wrote (titles, targets, milestones) as it is now, rollupProgress and nextCheckInDue null, no ETag.")
    @APIResponse(responseCode = "200", description = "The objective with its key results and its ETag", content = @Content(schema = @Schema(implementation = ObjectiveView.class)))
    @APIResponse(responseCode = "400", description = "asOf not a date or instant, or in the future")
    @APIResponse(responseCode = "404", description = "No such objective in the caller's organisation, or none yet at asOf")
    public Uni<Response> get(UUID id, @Parameter(description = "A moment in the past: a date (its first moment, UTC) or an instant",
            schema = @Schema(type = SchemaType.STRING)) @QueryParam("asOf") String asOf) {
        if (asOf != null && !asOf.isBlank()) {
            return history.objectiveAsOf(caller.organisationId(), id, asOf).map(ObjectiveResource::past);
        }
        return objectives.get(caller.organisationId(), id).map(ObjectiveResource::ok);
    }

    /** A view of the past: not something to change, nothing to cache. */
    static Response past(Object view) {
        return Response.ok(view).header("Cache-Control", "no-store").build();
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Caller.MEMBER)
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "patchObjective", summary = "Change an objective's title, description, owner or kind", description = "Send If-Match with the ETag you read.")
    @APIResponse(responseCode = "200", description = "The changed objective", content = @Content(schema = @Schema(implementation = ObjectiveView.class)))
    @APIResponse(responseCode = "409", description = "Closed or archived")
    @RequestBody(content = @Content(schema = @Schema(implementation = ObjectivePatch.class)))
    public Uni<Response> patch(UUID id, @HeaderParam("If-Match") String ifMatch, @NotNull JsonNode body) throws JsonProcessingException {
        MergePatch<ObjectivePatch> patch = MergePatch.read(body, ObjectivePatch.class, json, validator);
        return objectives.patch(caller.get(), id, ifMatch, patch).map(ObjectiveResource::ok);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Caller.MEMBER)
    @Operation(operationId = "archiveObjective", summary = "Archive an objective", description = "It leaves the default lists but keeps its key results and check-ins. Send If-Match.")
    @APIResponse(responseCode = "204", description = "Archived")
    public Uni<Response> archive(UUID id, @HeaderParam("If-Match") String ifMatch) {
        return objectives.archive(caller.organisationId(), id, ifMatch).map(v -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/key-results")
    @RolesAllowed(Caller.MEMBER)
    @Operation(operationId = "addKeyResult", summary = "Add a key result", description = "Appended after the objective's other key results.")
    @APIResponse(responseCode = "201", description = "The key result", content = @Content(schema = @Schema(implementation = KeyResultView.class)))
    @APIResponse(responseCode = "400", description = "Invalid for its type (each field named)")
    public Uni<Response> addKeyResult(UUID id, @Valid @NotNull KeyResultRequest request) {
        return keyResults.add(caller.organisationId(), id, request)
                .map(kr -> Response.created(URI.create("/api/v1/key-results/" + kr.id()))
                        .tag(new EntityTag(String.valueOf(kr.version()))).entity(kr).build());
    }

    @PUT
    @Path("/{id}/key-results/order")
    @RolesAllowed(Caller.MEMBER)
    @Operation(operationId = "reorderKeyResults", summary = "Reorder the key results", description = "List every key result id once, in the new order; If-Match names the objective's ETag.")
    @APIResponse(responseCode = "200", description = "The objective in its new order", content = @Content(schema = @Schema(implementation = ObjectiveView.class)))
    public Uni<Response> reorder(UUID id, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull KeyResultOrder order) {
        return keyResults.reorder(caller.organisationId(), id, ifMatch, order.keyResultIds()).map(ObjectiveResource::ok);
    }

    @POST
    @Path("/{id}/roll-over")
    @RolesAllowed(Caller.MEMBER)
    @Operation(operationId = "rollOverObjective", summary = "Carry an unachieved objective into another cycle", description = "A new objective with the same owner "
            + "and key results, each starting where this one ended, linked back to this one; this one keeps its final score.")
    @APIResponse(responseCode = "201", description = "The new objective", content = @Content(schema = @Schema(implementation = ObjectiveView.class)))
    @APIResponse(responseCode = "409", description = "Achieved, not yet closed, or already carried over")
    public Uni<Response> rollOver(UUID id, @Valid @NotNull RollOverRequest request) {
        return rollOver.rollOver(caller.organisationId(), id, request.cycleId()).map(ObjectiveResource::created);
    }

    static Response created(ObjectiveView view) {
        return Response.created(URI.create("/api/v1/objectives/" + view.id()))
                .tag(new EntityTag(String.valueOf(view.version()))).entity(view).build();
    }

    static Response ok(ObjectiveView view) {
        return Response.ok(view).tag(new EntityTag(String.valueOf(view.version()))).build();
    }
}

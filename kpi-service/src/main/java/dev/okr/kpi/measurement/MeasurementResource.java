package dev.okr.kpi.measurement;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.okr.contracts.Hashes;
import dev.okr.contracts.problem.Problem;
import dev.okr.kpi.integration.ApiKeyAuthentication;
import dev.okr.kpi.measurement.MeasurementApi.BatchResult;
import dev.okr.kpi.measurement.MeasurementApi.ItemSchema;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.web.Canonical;
import dev.okr.platform.web.Cursor;
import dev.okr.platform.web.Page;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/kpis/{idOrKey}/measurements")
@Tag(name = "measurements", description = "Values pushed into KPIs by integrations (X-Api-Key) or people")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.MEMBER, ApiKeyAuthentication.ROLE})
public class MeasurementResource {

    private final Ingestion ingestion;
    private final Corrections corrections;
    private final CurrentCaller caller;

    public MeasurementResource(Ingestion ingestion, Corrections corrections, CurrentCaller caller) {
        this.ingestion = ingestion;
        this.corrections = corrections;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "listMeasurements", summary = "A KPI's measurements", description = "Newest first, withdrawn and corrected ones included (their history is kept); "
            + "late values are flagged.")
    @APIResponse(responseCode = "200", description = "A page of measurements")
    public Uni<Page<Corrections.MeasurementView>> list(String idOrKey, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return corrections.list(caller.organisationId(), idOrKey, Cursor.decodeSequence(cursor), Page.limit(limit));
    }

    @PUT
    @Path("/{measurementId}")
    @RolesAllowed(Caller.MEMBER)
    @Operation(operationId = "correctMeasurement", summary = "Correct a measurement", description = "The original is withdrawn (kept as history) and a new value takes its place; "
            + "the KPI's value and status follow at once. Send If-Match with its version (\"0\" while it counts).")
    @APIResponse(responseCode = "200", description = "The corrected measurement", content = @Content(schema = @Schema(implementation = Corrections.MeasurementView.class)))
    @APIResponse(responseCode = "412", description = "Already withdrawn or corrected")
    public Uni<Corrections.MeasurementView> correct(String idOrKey, long measurementId, @HeaderParam("If-Match") String ifMatch,
            @Valid @NotNull Corrections.CorrectionRequest request) {
        Caller who = caller.get();
        return corrections.correct(who.organisationId(), idOrKey, measurementId, ifMatch, request, source(who));
    }

    @DELETE
    @Path("/{measurementId}")
    @RolesAllowed(Caller.MEMBER)
    @Operation(operationId = "withdrawMeasurement", summary = "Withdraw a measurement", description = "It stops counting but stays in the history. Send If-Match with its "
            + "version (\"0\" while it counts); one already withdrawn or corrected answers 412.")
    @APIResponse(responseCode = "204", description = "Withdrawn")
    public Uni<Response> withdraw(String idOrKey, long measurementId, @HeaderParam("If-Match") String ifMatch) {
        return corrections.withdraw(caller.organisationId(), idOrKey, measurementId, ifMatch).map(v -> Response.noContent().build());
    }

    @POST
    @SecurityRequirement(name = "SecurityScheme")
    @Operation(operationId = "recordMeasurement", summary = "Record one value of a KPI", description = "With an integration's X-Api-Key or a member's token. "
            + "Re-sending the same externalId answers DUPLICATE and stores nothing.")
    @RequestBody(content = @Content(schema = @Schema(implementation = ItemSchema.class)))
    @APIResponse(responseCode = "201", description = "Accepted", content = @Content(schema = @Schema(implementation = BatchResult.class)))
    @APIResponse(responseCode = "200", description = "A duplicate of a value already received", content = @Content(schema = @Schema(implementation = BatchResult.class)))
    @APIResponse(responseCode = "400", description = "Rejected, with the reason")
    public Uni<Response> one(String idOrKey, @HeaderParam(BatchResource.IDEMPOTENCY_KEY) String idempotencyKey,
            @NotNull JsonNode item) {
        Caller who = caller.get();
        String hash = idempotencyKey == null ? null : Hashes.sha256(idOrKey + "\n" + Canonical.json(List.of(item)));
        return ingestion.ingest(who.organisationId(), source(who), List.of(item), idOrKey, idempotencyKey, hash).map(outcome -> {
            var result = outcome.result();
            var only = result.results().get(0);
            return switch (only.status()) {
                case ACCEPTED -> (outcome.replayed() ? Response.status(201).header("Idempotency-Replayed", "true")
                        : Response.status(201)).entity(result).build();
                case DUPLICATE -> Response.ok(result).build();
                case REJECTED -> rejection(only.error(), "/api/v1/kpis/" + idOrKey + "/measurements");
            };
        });
    }

    /** A rejected single item as problem+json: its error reads "field: why"; an unknown KPI is a 404. */
    private static Response rejection(String error, String instance) {
        int colon = error.indexOf(':');
        String field = error.substring(0, colon);
        boolean unknownKpi = field.equals("kpi");
        int status = unknownKpi ? 404 : 400;
        Problem problem = new Problem(Problem.TYPE_BASE + (unknownKpi ? "not-found" : "validation"),
                unknownKpi ? "Not found" : "Invalid request", status, error, instance,
                List.of(new Problem.FieldError(field, error.substring(colon + 1).trim())));
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    static String source(Caller who) {
        return who.roles().contains(ApiKeyAuthentication.ROLE) ? who.subject() : "user:" + who.subject();
    }
}

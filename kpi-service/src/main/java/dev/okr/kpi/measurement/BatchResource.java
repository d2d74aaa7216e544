package dev.okr.kpi.measurement;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.okr.kpi.integration.ApiKeyAuthentication;
import dev.okr.kpi.measurement.MeasurementApi.BatchRequest;
import dev.okr.kpi.measurement.MeasurementApi.BatchResult;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.problem.Problem;
import io.smallrye.mutiny.Uni;

@Path(BatchResource.INTERNAL_PATH)
@Tag(name = "measurements")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.MEMBER, ApiKeyAuthentication.ROLE})
public class BatchResource {

    /** The public path, AIP-style custom method. */
    public static final String PUBLIC_PATH = "/api/v1/measurements:batch";
    /** Where {@link BatchRoute} sends it: RESTEasy Reactive does not match a colon inside a path segment. */
    public static final String INTERNAL_PATH = "/api/v1/measurements/batch";

    private final Ingestion ingestion;
    private final CurrentCaller caller;

    public BatchResource(Ingestion ingestion, CurrentCaller caller) {
        this.ingestion = ingestion;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Record up to 10,000 values of any KPIs", description = "Each item is judged on its own: valid items are "
            + "stored even when others are rejected, re-sent items (same KPI and externalId) are duplicates, and every item's "
            + "fate is in the answer. Each KPI that received values is recomputed and published once per batch.")
    @APIResponse(responseCode = "200", description = "What became of every item", content = @Content(schema = @Schema(implementation = BatchResult.class)))
    @APIResponse(responseCode = "400", description = "Not a batch, or more than 10,000 items", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BatchResult> batch(@Valid @NotNull BatchRequest request) {
        Caller who = caller.get();
        return ingestion.ingest(who.organisationId(), MeasurementResource.source(who), request.items(), null);
    }

}

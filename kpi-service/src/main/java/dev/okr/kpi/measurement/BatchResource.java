package dev.okr.kpi.measurement;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.okr.contracts.Hashes;
import dev.okr.contracts.auth.IngestionRoutes;
import dev.okr.kpi.integration.ApiKeyAuthentication;
import dev.okr.kpi.measurement.MeasurementApi.BatchRequest;
import dev.okr.kpi.measurement.MeasurementApi.BatchResult;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.web.Canonical;
import io.smallrye.mutiny.Uni;

@Path(BatchResource.INTERNAL_PATH)
@Tag(name = "measurements")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Caller.MEMBER, ApiKeyAuthentication.ROLE})
public class BatchResource {

    /** Where {@link BatchRoute} sends it: RESTEasy Reactive does not match a colon inside a path segment. */
    public static final String INTERNAL_PATH = IngestionRoutes.BATCH_SERVED_AT;

    private final Ingestion ingestion;
    private final CurrentCaller caller;

    public BatchResource(Ingestion ingestion, CurrentCaller caller) {
        this.ingestion = ingestion;
        this.caller = caller;
    }

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    @POST
    @Operation(operationId = "recordMeasurements", summary = "Record up to 10,000 values of any KPIs", description = "Each item is judged on its own: valid items are "
            + "stored even when others are rejected, re-sent items (same KPI and externalId) are duplicates, and every item's "
            + "fate is in the answer. Each KPI that received values is recomputed and published once per batch. "
            + "With an Idempotency-Key header, a retried request answers what the first answered and stores nothing again.")
    @APIResponse(responseCode = "200", description = "What became of every item", content = @Content(schema = @Schema(implementation = BatchResult.class)))
    @APIResponse(responseCode = "400", description = "Not a batch, or more than 10,000 items")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for another request")
    public Uni<Response> batch(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, @Valid @NotNull BatchRequest request) {
        Caller who = caller.get();
        String hash = idempotencyKey == null ? null : Hashes.sha256(Canonical.json(request.items()));
        return ingestion.ingest(who.organisationId(), MeasurementResource.source(who), request.items(), null, idempotencyKey, hash)
                .map(BatchResource::answer);
    }

    @POST
    @Consumes("text/csv")
    @Operation(summary = "Record values from a CSV upload", description = "A header row names the columns kpi, value, observedAt and "
            + "externalId; any other column is a dimension. Up to 10,000 rows, judged like a JSON batch.")
    @RequestBody(content = @Content(mediaType = "text/csv", example = "kpi,value,observedAt,externalId,region\n"
            + "domestic-leads,3,2026-11-20T09:00:00Z,crm-1,north"))
    @APIResponse(responseCode = "200", description = "What became of every row", content = @Content(schema = @Schema(implementation = BatchResult.class)))
    public Uni<Response> csv(@HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey, byte[] body) {
        Caller who = caller.get();
        List<JsonNode> items = CsvItems.read(body);
        String hash = idempotencyKey == null ? null : Hashes.sha256(Canonical.json(items));
        return ingestion.ingest(who.organisationId(), MeasurementResource.source(who), items, null, idempotencyKey, hash)
                .map(BatchResource::answer);
    }

    static Response answer(Ingestion.Outcome outcome) {
        Response.ResponseBuilder response = Response.ok(outcome.result());
        if (outcome.replayed()) {
            response.header("Idempotency-Replayed", "true");
        }
        return response.build();
    }
}

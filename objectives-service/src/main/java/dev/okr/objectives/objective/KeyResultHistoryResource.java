package dev.okr.objectives.objective;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.okr.objectives.history.HistoryApi.SeriesView;
import dev.okr.objectives.history.Series.Bucket;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import io.smallrye.mutiny.Uni;

/** A key result's progress over time, for a burn-up chart. */
@Path("/api/v1/key-results/{id}/history")
@Produces(MediaType.APPLICATION_JSON)
public class KeyResultHistoryResource {

    private final ProgressHistory history;
    private final CurrentCaller caller;

    public KeyResultHistoryResource(ProgressHistory history, CurrentCaller caller) {
        this.history = history;
        this.caller = caller;
    }

    @GET
    @Tag(name = "key-results")
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "getKeyResultHistory", summary = "A key result's progress over time", description = "Its value, "
            + "progress, confidence and health per day or week; a removed key result keeps its history." + ObjectiveHistoryResource.RANGE)
    @APIResponse(responseCode = "200", description = "The series", content = @Content(schema = @Schema(implementation = SeriesView.class)))
    @APIResponse(responseCode = "400", description = "from, to or bucket not understood, to before from, or more than 731 buckets")
    @APIResponse(responseCode = "404", description = "No such key result in the caller's organisation")
    public Uni<SeriesView> keyResult(@PathParam("id") UUID id,
            @Parameter(description = "The first day (2026-10-01, or an instant: its UTC day); default the cycle's first day",
                    schema = @Schema(type = SchemaType.STRING)) @QueryParam("from") String from,
            @Parameter(description = "The last day, included; default the cycle's last day or today, whichever is earlier",
                    schema = @Schema(type = SchemaType.STRING)) @QueryParam("to") String to,
            @Parameter(schema = @Schema(implementation = Bucket.class, defaultValue = "DAY")) @QueryParam("bucket") String bucket) {
        return history.keyResult(caller.organisationId(), id, from, to, bucket);
    }
}

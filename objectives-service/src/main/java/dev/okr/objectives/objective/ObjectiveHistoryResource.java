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

/** An objective's progress over time, for a burn-up chart. */
@Path("/api/v1/objectives/{id}/history")
@Produces(MediaType.APPLICATION_JSON)
public class ObjectiveHistoryResource {

    static final String RANGE = " Each bucket holds the state at its end (the last change in it; a bucket without change "
            + "carries the previous state forward, flagged carried) and the progress the cycle's elapsed share expects by then. "
            + "Everything is dated by when it became true: a check-in by its checkedInAt, a KPI's value by its observation time.";

    private final ProgressHistory history;
    private final CurrentCaller caller;

    public ObjectiveHistoryResource(ProgressHistory history, CurrentCaller caller) {
        this.history = history;
        this.caller = caller;
    }

    @GET
    @Tag(name = "objectives")
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "getObjectiveHistory", summary = "An objective's progress over time", description = "Its progress, "
            + "health and (once closed) score per day or week: the weighted progress of its key results as each stood then (a "
            + "key result counts from its first value until it was removed), else its roll-up." + RANGE)
    @APIResponse(responseCode = "200", description = "The series", content = @Content(schema = @Schema(implementation = SeriesView.class)))
    @APIResponse(responseCode = "400", description = "from, to or bucket not understood, to before from, or more than 731 buckets")
    @APIResponse(responseCode = "404", description = "No such objective in the caller's organisation")
    public Uni<SeriesView> objective(@PathParam("id") UUID id,
            @Parameter(description = "The first day (2026-10-01, or an instant: its UTC day); default the cycle's first day",
                    schema = @Schema(type = SchemaType.STRING)) @QueryParam("from") String from,
            @Parameter(description = "The last day, included; default the cycle's last day or today, whichever is earlier",
                    schema = @Schema(type = SchemaType.STRING)) @QueryParam("to") String to,
            @Parameter(schema = @Schema(implementation = Bucket.class, defaultValue = "DAY")) @QueryParam("bucket") String bucket) {
        return history.objective(caller.organisationId(), id, from, to, bucket);
    }
}

package dev.okr.objectives.objective;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import io.smallrye.mutiny.Uni;

/** A cycle's report for spreadsheets. */
@Path("/api/v1/cycles/{id}/report")
@Tag(name = "cycles")
public class CycleReportResource {

    static final String CSV = "text/csv; charset=utf-8";

    private final CycleReports reports;
    private final CurrentCaller caller;

    public CycleReportResource(CycleReports reports, CurrentCaller caller) {
        this.reports = reports;
        this.caller = caller;
    }

    @GET
    @Produces(CSV)
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "getCycleReport", summary = "A cycle's report as CSV", description = "One row per key result of the cycle's "
            + "objectives that are not archived (an objective without key results has a row of its own), in creation order, as "
            + "they stand now: objective_id, objective, kind, status, owner_type, owner, objective_progress, objective_health, "
            + "objective_score, key_result_id, key_result, type, unit, start, target, current, progress, health, score (a closed "
            + "objective's key results), confidence, last_check_in. UTF-8 with a byte order mark and CRLF line ends, as spreadsheets "
            + "open it; text that would start a formula is prefixed with a quote.")
    @APIResponse(responseCode = "200", description = "The report, as an attachment",
            content = @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such cycle in the caller's organisation")
    public Uni<Response> report(@PathParam("id") UUID id) {
        return reports.report(caller.organisationId(), id).map(report -> Response.ok(report.csv(), CSV)
                .header("Content-Disposition", "attachment; filename=\"" + report.filename() + "\"").build());
    }
}

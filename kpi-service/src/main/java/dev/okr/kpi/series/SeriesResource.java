package dev.okr.kpi.series;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.okr.kpi.series.SeriesApi.Bucket;
import dev.okr.kpi.series.SeriesApi.Series;
import dev.okr.kpi.series.SeriesApi.Trend;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.QueryParams;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/kpis/{idOrKey}")
@Tag(name = "kpis")
@Produces(MediaType.APPLICATION_JSON)
public class SeriesResource {

    private final SeriesService series;
    private final CurrentCaller caller;

    public SeriesResource(SeriesService series, CurrentCaller caller) {
        this.series = series;
        this.caller = caller;
    }

    @GET
    @Path("/series")
    @RolesAllowed(Caller.VIEWER)
    @Operation(summary = "A KPI's values over time", description = "Measurements bucketed by DAY, WEEK or MONTH (UTC), each bucket "
            + "aggregated as the KPI aggregates; from defaults to the time frame's start, to to now, bucket to the tracking frequency.")
    @APIResponse(responseCode = "200", description = "The series")
    public Uni<Series> series(String idOrKey,
            @Parameter(description = "ISO-8601 instant", example = "2026-10-01T00:00:00Z") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601 instant", example = "2026-12-31T00:00:00Z") @QueryParam("to") String to,
            @Parameter(schema = @Schema(implementation = Bucket.class)) @QueryParam("bucket") String bucket,
            @Parameter(description = "Only one dimension value: a value of the KPI's groupBy dimension, or name:value (region:domestic)") @QueryParam("dimension") String dimension) {
        return series.series(caller.organisationId(), idOrKey, instant("from", from), instant("to", to),
                QueryParams.enumValue("bucket", bucket, Bucket.class), dimension == null || dimension.isBlank() ? null : dimension);
    }

    @GET
    @Path("/trend")
    @RolesAllowed(Caller.VIEWER)
    @Operation(summary = "A KPI's trend", description = "Growth of the last tracking period over the one before, and a linear "
            + "forecast of the value at the end of the time frame with the status it would mean.")
    @APIResponse(responseCode = "200", description = "The trend")
    public Uni<Trend> trend(String idOrKey) {
        return series.trend(caller.organisationId(), idOrKey);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be an ISO-8601 instant in UTC, e.g. 2026-10-01T00:00:00Z");
        }
    }
}

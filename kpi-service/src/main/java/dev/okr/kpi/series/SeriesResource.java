package dev.okr.kpi.series;

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
    @Operation(operationId = "getKpiSeries", summary = "A KPI's values over time", description = "Measurements bucketed by DAY, WEEK or MONTH (UTC), each bucket "
            + "aggregated as the KPI aggregates; from defaults to the time frame's start, to to now, bucket to the tracking frequency.")
    @APIResponse(responseCode = "200", description = "The series")
    public Uni<Series> series(String idOrKey,
            @Parameter(description = "A date (from its start) or an ISO-8601 instant", example = "2026-10-01") @QueryParam("from") String from,
            @Parameter(description = "A date (to its end, included) or an ISO-8601 instant", example = "2026-12-31") @QueryParam("to") String to,
            @Parameter(schema = @Schema(implementation = Bucket.class)) @QueryParam("bucket") String bucket,
            @Parameter(description = "Only one dimension value: a value of the KPI's groupBy dimension, or name:value (region:domestic)") @QueryParam("dimension") String dimension) {
        return series.series(caller.organisationId(), idOrKey, QueryParams.instant("from", from, false),
                QueryParams.instant("to", to, true),
                QueryParams.enumValue("bucket", bucket, Bucket.class), dimension == null || dimension.isBlank() ? null : dimension);
    }

    @GET
    @Path("/trend")
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "getKpiTrend", summary = "A KPI's trend", description = "Growth of the last tracking period over the one before, and a linear "
            + "forecast of the value at the end of the time frame with the status it would mean.")
    @APIResponse(responseCode = "200", description = "The trend")
    public Uni<Trend> trend(String idOrKey) {
        return series.trend(caller.organisationId(), idOrKey);
    }
}

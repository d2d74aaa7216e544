package dev.okr.kpi.kpi;

import java.net.URI;
import java.util.List;
import java.util.Locale;

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

import dev.okr.kpi.kpi.KpiApi.KpiRequest;
import dev.okr.kpi.kpi.KpiApi.KpiView;
import dev.okr.kpi.kpi.KpiApi.StatusChange;
import dev.okr.kpi.status.KpiStatus;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.web.Cursor;
import dev.okr.platform.web.Page;
import dev.okr.platform.web.QueryParams;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/kpis")
@Tag(name = "kpis", description = "KPIs: a measurable target, a time frame, a data source and a tracking frequency, with their value and status")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class KpiResource {

    private final KpiService kpis;
    private final PastViews past;
    private final CurrentCaller caller;

    public KpiResource(KpiService kpis, PastViews past, CurrentCaller caller) {
        this.kpis = kpis;
        this.past = past;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Caller.MEMBER)
    @Operation(operationId = "createKpi", summary = "Define a KPI", description = "All four components are required; a missing one is named in the answer.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = KpiView.class)))
    @APIResponse(responseCode = "400", description = "Invalid or missing fields, each named")
    @APIResponse(responseCode = "409", description = "The key is taken")
    public Uni<Response> create(@Valid @NotNull KpiRequest request) {
        return kpis.create(caller.get(), request).chain(kpis::view)
                .map(v -> Response.created(URI.create("/api/v1/kpis/" + v.id())).tag(tag(v)).entity(v).build());
    }

    @GET
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "listKpis", summary = "List KPIs", description = "In creation order; filter by status, owner and tag; archived ones with archived=true.")
    @APIResponse(responseCode = "200", description = "A page of KPIs")
    public Uni<Page<KpiView>> list(@Parameter(schema = @Schema(implementation = KpiStatus.class)) @QueryParam("status") String status,
            @QueryParam("owner") String owner, @QueryParam("tag") String tag, @QueryParam("archived") boolean archived,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        var filter = new KpiRepository.Filter(QueryParams.enumValue("status", status, KpiStatus.class),
                owner == null || owner.isBlank() ? null : owner.trim(),
                tag == null || tag.isBlank() ? null : tag.trim().toLowerCase(Locale.ROOT), archived);
        return kpis.list(caller.organisationId(), filter, Cursor.decode(cursor), Page.limit(limit));
    }

    @GET
    @Path("/{idOrKey}")
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "getKpi", summary = "Get a KPI by id or key", description = "With its current value, status, the reason for it, and per-dimension statuses for a grouped KPI. "
            + "With asOf, as it stood then: its value from the measurements observed in its time frame before then (a FORMULA's from its "
            + "inputs'), its status judged then, per dimension value for a grouped KPI; measurements as they are now (corrections "
            + "applied), the definition as it is now, no ETag. A moment before its current time frame is a 400 (a recurring KPI's "
            + "earlier periods: GET …/periods).")
    @APIResponse(responseCode = "200", description = "The KPI, with its ETag", content = @Content(schema = @Schema(implementation = KpiView.class)))
    @APIResponse(responseCode = "400", description = "asOf not a date or instant, in the future, or before the KPI's time frame")
    public Uni<Response> get(String idOrKey, @Parameter(description = "A moment in the past: a date (its first moment, UTC) or an instant",
            schema = @Schema(type = SchemaType.STRING)) @QueryParam("asOf") String asOf) {
        if (asOf != null && !asOf.isBlank()) {
            return past.asOf(caller.organisationId(), idOrKey, asOf).map(v -> Response.ok(v).header("Cache-Control", "no-store").build());
        }
        return kpis.get(caller.organisationId(), idOrKey).chain(kpis::view).map(v -> Response.ok(v).tag(tag(v)).build());
    }

    @PUT
    @Path("/{idOrKey}")
    @RolesAllowed(Caller.MEMBER)
    @Operation(operationId = "updateKpi", summary = "Change a KPI's definition", description = "The whole definition; its value and status follow at once, "
            + "in the same transaction. Only an admin or the KPI's owner may change it. Send If-Match.")
    @APIResponse(responseCode = "200", description = "The KPI", content = @Content(schema = @Schema(implementation = KpiView.class)))
    public Uni<Response> update(String idOrKey, @HeaderParam("If-Match") String ifMatch, @Valid @NotNull KpiRequest request) {
        return kpis.update(caller.get(), idOrKey, ifMatch, request).chain(kpis::view)
                .map(v -> Response.ok(v).tag(tag(v)).build());
    }

    @DELETE
    @Path("/{idOrKey}")
    @RolesAllowed(Caller.MEMBER)
    @Operation(operationId = "archiveKpi", summary = "Archive a KPI", description = "It stops taking measurements and leaves default lists; its history stays. "
            + "Only an admin or the KPI's owner may archive it. Send If-Match.")
    @APIResponse(responseCode = "204", description = "Archived")
    public Uni<Response> archive(String idOrKey, @HeaderParam("If-Match") String ifMatch) {
        return kpis.archive(caller.get(), idOrKey, ifMatch).map(v -> Response.noContent().build());
    }

    @GET
    @Path("/{idOrKey}/periods")
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "listKpiPeriods", summary = "A KPI's periods", description = "Newest first: its current period (its time frame, "
            + "as the KPI shows it now), then, for a recurring KPI, each period that ended with the target it had and its final value "
            + "and status (ACHIEVED or MISSED).")
    @APIResponse(responseCode = "200", description = "The periods")
    @APIResponse(responseCode = "404", description = "No such KPI in your organisation")
    public Uni<List<KpiApi.PeriodResult>> periods(String idOrKey) {
        return kpis.periods(caller.organisationId(), idOrKey);
    }

    @GET
    @Path("/{idOrKey}/status-history")
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "listKpiStatusChanges", summary = "A KPI's status changes", description = "Newest first. "
            + "Each change is stamped when it became true: at the observation of the values that implied it, when the KPI had been "
            + "silent for 1.5 tracking periods, or at the end of its time frame; else when it was judged (a change of definition, "
            + "the passing of time). Values pushed, corrected or withdrawn for a past day judge the history again from that day, "
            + "so a backfill leaves the statuses it implies (judged against the KPI's definition as it is now).")
    @APIResponse(responseCode = "200", description = "A page of status changes")
    public Uni<Page<StatusChange>> statusHistory(String idOrKey, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return kpis.statusHistory(caller.organisationId(), idOrKey, Page.limit(limit), Cursor.decodeSequence(cursor));
    }

    private static EntityTag tag(KpiView v) {
        return new EntityTag(String.valueOf(v.version()));
    }
}

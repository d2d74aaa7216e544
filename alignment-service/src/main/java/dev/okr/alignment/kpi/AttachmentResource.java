package dev.okr.alignment.kpi;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.problem.Problem;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.ETags;
import dev.okr.platform.web.QueryParams;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/kpi-attachments")
@Tag(name = "kpi-attachments", description = "KPIs attached to objectives and org units as health metrics to watch")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AttachmentResource {

    @Schema(name = "KpiAttachmentRequest", description = "A KPI to attach to an objective or to an org unit (one of them)")
    public record AttachmentRequest(@NotNull UUID kpiId, UUID objectiveId, UUID unitId) {
    }

    @Schema(name = "AttachedKpi")
    public record Attached(UUID id, UUID objectiveId, UUID unitId, UUID kpiId, String key, String name, String unit,
            Double currentValue, String status) {
    }

    private static final String SELECT = "select a.id, a.objective_id, a.unit_id, k.id as kpi, k.key, k.name, k.unit, "
            + "k.current_value, k.status from kpi_attachment a join kpi_node k on k.id = a.kpi_id where a.organisation_id = :org ";

    private final CurrentCaller caller;
    private final Clock clock;

    public AttachmentResource(CurrentCaller caller, Clock clock) {
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @RolesAllowed(Caller.MEMBER)
    @Operation(summary = "Attach a KPI to an objective or an org unit")
    @APIResponse(responseCode = "201", description = "Attached", content = @Content(schema = @Schema(implementation = Attached.class)))
    @APIResponse(responseCode = "400", description = "Unknown KPI, objective or unit, or not exactly one target", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "Already attached there", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> attach(@Valid @NotNull AttachmentRequest request) {
        if ((request.objectiveId() == null) == (request.unitId() == null)) {
            throw ProblemException.invalid("objectiveId", "attach to one objective or one unit: give objectiveId or unitId");
        }
        UUID org = caller.organisationId();
        UUID id = UUID.randomUUID();
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> exists(s, "kpi_node", request.kpiId(), org, "kpiId")
                .chain(() -> request.objectiveId() != null ? exists(s, "objective_node", request.objectiveId(), org, "objectiveId")
                        : exists(s, "org_unit", request.unitId(), org, "unitId"))
                .chain(() -> s.createNativeQuery("select count(*) from kpi_attachment where kpi_id = :kpi and "
                        + "coalesce(objective_id, unit_id) = :target", Long.class)
                        .setParameter("kpi", request.kpiId())
                        .setParameter("target", request.objectiveId() != null ? request.objectiveId() : request.unitId()).getSingleResult())
                .chain(n -> {
                    if (n > 0) {
                        throw ProblemException.conflict("This KPI is already attached there.");
                    }
                    return s.createNativeQuery("insert into kpi_attachment (id, organisation_id, kpi_id, objective_id, unit_id, created_at) "
                            + "values (:id, :org, :kpi, :objective, :unit, :at)")
                            .setParameter("id", id).setParameter("org", org).setParameter("kpi", request.kpiId())
                            .setParameter("objective", request.objectiveId()).setParameter("unit", request.unitId())
                            .setParameter("at", clock.instant()).executeUpdate();
                })))
                .chain(() -> list(org, "and a.id = :id", id))
                .map(rows -> Response.created(URI.create("/api/v1/kpi-attachments/" + id)).entity(rows.get(0)).build());
    }

    @GET
    @RolesAllowed(Caller.VIEWER)
    @Operation(summary = "The KPIs attached to objectives or an org unit", description = "With each KPI's current value and status. "
            + "Give one of objectiveId, objectiveIds (comma-separated, at most 100: one call for a page of objectives) or unitId.")
    @APIResponse(responseCode = "200", description = "The attached KPIs")
    @APIResponse(responseCode = "400", description = "None or several of the parameters, or an id that is not a UUID", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<Attached>> list(@QueryParam("objectiveId") String objectiveId, @QueryParam("objectiveIds") String objectiveIds,
            @QueryParam("unitId") String unitId) {
        UUID objective = QueryParams.uuid("objectiveId", objectiveId);
        UUID unit = QueryParams.uuid("unitId", unitId);
        List<UUID> objectives = objectiveIds == null ? null : QueryParams.uuids("objectiveIds", objectiveIds, 100);
        int given = (objective == null ? 0 : 1) + (unit == null ? 0 : 1) + (objectives == null ? 0 : 1);
        if (given != 1) {
            throw ProblemException.invalid("objectiveId", "give one of objectiveId, objectiveIds or unitId");
        }
        UUID org = caller.organisationId();
        if (objectives != null) {
            return objectives.isEmpty() ? Uni.createFrom().item(List.of()) : list(org, "and a.objective_id in (:id)", objectives);
        }
        return list(org, objective != null ? "and a.objective_id = :id" : "and a.unit_id = :id", objective != null ? objective : unit);
    }

    @DELETE
    @jakarta.ws.rs.Path("/{id}")
    @RolesAllowed(Caller.MEMBER)
    @Operation(summary = "Detach a KPI", description = "Send If-Match: an attachment never changes, so its ETag is always \"0\" (or send *).")
    @APIResponse(responseCode = "204", description = "Detached")
    @APIResponse(responseCode = "404", description = "No such attachment in your organisation", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "If-Match missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> detach(UUID id, @HeaderParam("If-Match") String ifMatch) {
        ETags.require(ifMatch, ATTACHMENT_VERSION);
        UUID org = caller.organisationId();
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                "delete from kpi_attachment where id = :id and organisation_id = :org").setParameter("id", id).setParameter("org", org)
                .executeUpdate()))
                .map(n -> {
                    if (n == 0) {
                        throw ProblemException.notFound("KPI attachment", id);
                    }
                    return Response.noContent().build();
                });
    }

    /** An attachment is made and removed, never changed: its one version. */
    static final long ATTACHMENT_VERSION = 0;

    /** The attachments of the organisation matching {@code where} (a condition on {@code :id}: an id, or a list of them). */
    public static Uni<List<Attached>> list(UUID organisationId, String where, Object id) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> s.createNativeQuery(SELECT + where + " order by k.name",
                Object[].class).setParameter("org", organisationId).setParameter("id", id).getResultList()))
                .map(rows -> rows.stream().map(AttachmentResource::attached).toList());
    }

    private static Attached attached(Object[] r) {
        return new Attached((UUID) r[0], (UUID) r[1], (UUID) r[2], (UUID) r[3], (String) r[4], (String) r[5], (String) r[6],
                r[7] == null ? null : ((Number) r[7]).doubleValue(), (String) r[8]);
    }

    private static Uni<Void> exists(org.hibernate.reactive.mutiny.Mutiny.Session s, String table, UUID id, UUID org, String field) {
        return s.createNativeQuery("select count(*) from " + table + " where id = :id and organisation_id = :org", Long.class)
                .setParameter("id", id).setParameter("org", org).getSingleResult()
                .invoke(n -> {
                    if (n == 0) {
                        throw ProblemException.invalid(field, "no such " + field.replace("Id", "") + " " + id + " in your organisation");
                    }
                }).replaceWithVoid();
    }
}

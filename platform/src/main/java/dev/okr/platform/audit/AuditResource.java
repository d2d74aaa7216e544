package dev.okr.platform.audit;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.Cursor;
import dev.okr.platform.web.Page;
import dev.okr.platform.web.QueryParams;
import io.smallrye.mutiny.Uni;

/**
 * This service's part of the audit trail. The gateway answers {@code GET /api/v1/audit} by merging the services' parts,
 * so this one stays out of the documents (the gateway documents the merged one). An admin reads everyone's entries; any
 * other caller their own. An admin reads and sets how long the entries are kept ({@link AuditRetention}); the gateway sets it
 * in every service.
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    /** How many days the organisation's audit entries are kept. */
    public record RetentionRequest(@NotNull @Min(1) @Max(AuditRetention.MAX_DAYS) Integer days) {
    }

    private final AuditTrail trail;
    private final AuditRetention retention;
    private final CurrentCaller caller;

    public AuditResource(AuditTrail trail, AuditRetention retention, CurrentCaller caller) {
        this.trail = trail;
        this.retention = retention;
        this.caller = caller;
    }

    @GET
    @Path("/retention")
    @RolesAllowed(Caller.ADMIN)
    @Operation(hidden = true)
    public Uni<AuditRetention.Setting> retention() {
        return retention.get(caller.organisationId());
    }

    @PUT
    @Path("/retention")
    @RolesAllowed(Caller.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<AuditRetention.Setting> setRetention(@Valid @NotNull RetentionRequest request) {
        return retention.set(caller.organisationId(), request.days(), trail.currentActor());
    }

    @GET
    @RolesAllowed(Caller.VIEWER)
    @Operation(hidden = true)
    public Uni<Page<AuditView>> read(@QueryParam("resourceId") String resourceId, @QueryParam("actor") String actor,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        Caller who = caller.get();
        String actorId = blankToNull(actor);
        if (!who.isAdmin()) {
            if (actorId != null && !actorId.equals(who.subject())) {
                throw ProblemException.forbidden("Only an admin reads other people's changes; you may read your own (actor="
                        + who.subject() + " or none).");
            }
            actorId = who.subject();
        }
        Instant start = QueryParams.instant("from", from, false);
        Instant end = QueryParams.instant("to", to, true);
        if (start != null && end != null && !end.isAfter(start)) {
            throw ProblemException.invalid("to", "must be after from");
        }
        return trail.read(who.organisationId(), new AuditTrail.Filter(text("resourceId", resourceId), text("actor", actorId), start, end),
                Cursor.decode(cursor), Page.limit(limit));
    }

    private static String text(String name, String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > 200) {
            throw ProblemException.invalid(name, "must be an id of at most 200 characters");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

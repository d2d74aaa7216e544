package dev.okr.alignment.rollup;

import java.time.Clock;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.web.ETags;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/alignment/settings")
@Tag(name = "alignment")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RollupSettingsResource {

    @Schema(name = "AlignmentSettings")
    public record Settings(@NotNull @DecimalMin("0") @Schema(description = "The weight of an objective's own progress against "
            + "its aligned children's roll-ups (0: a parent's roll-up is its children's alone)", example = "1") Double ownWeight) {
    }

    private final RollupService rollups;
    private final CurrentCaller caller;
    private final Clock clock;

    public RollupSettingsResource(RollupService rollups, CurrentCaller caller, Clock clock) {
        this.rollups = rollups;
        this.caller = caller;
        this.clock = clock;
    }

    @GET
    @RolesAllowed(Caller.VIEWER)
    @Operation(summary = "The organisation's roll-up settings", description = "The deployment default (version 0) until an admin sets them.")
    @APIResponse(responseCode = "200", description = "The settings with their ETag")
    public Uni<Response> get() {
        UUID org = caller.organisationId();
        return Panache.withSession(() -> version(org).chain(v -> rollups.ownWeight(org)
                .map(w -> Response.ok(new Settings(w)).tag(new EntityTag(String.valueOf(v))).build())));
    }

    @PUT
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Change the roll-up settings", description = "Admins only; every roll-up of the organisation follows at once. Send If-Match.")
    @APIResponse(responseCode = "200", description = "The new settings")
    @APIResponse(responseCode = "412", description = "Changed since you read them")
    public Uni<Response> put(@HeaderParam("If-Match") String ifMatch, @Valid @NotNull Settings settings) {
        UUID org = caller.organisationId();
        return Panache.withTransaction(() -> rollups.lock(org).chain(() -> version(org)).chain(current -> {
            ETags.require(ifMatch, current);
            return Panache.getSession().chain(s -> s.createNativeQuery("insert into alignment_settings (organisation_id, own_weight, "
                    + "version, updated_at) values (:org, :w, 1, :at) on conflict (organisation_id) do update set own_weight = :w, "
                    + "version = alignment_settings.version + 1, updated_at = :at")
                    .setParameter("org", org).setParameter("w", settings.ownWeight()).setParameter("at", clock.instant()).executeUpdate())
                    .chain(() -> rollups.recomputeAll(org))
                    .replaceWith(current + 1);
        })).map(v -> Response.ok(settings).tag(new EntityTag(String.valueOf(v))).build());
    }

    private Uni<Long> version(UUID org) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select version from alignment_settings where organisation_id = :org",
                Long.class).setParameter("org", org).getSingleResultOrNull()).map(v -> v == null ? 0L : v);
    }
}

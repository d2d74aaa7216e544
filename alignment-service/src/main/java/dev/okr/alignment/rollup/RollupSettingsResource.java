package dev.okr.alignment.rollup;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/settings/alignment")
@Tag(name = "settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RollupSettingsResource {

    @Schema(name = "AlignmentSettings")
    public record Settings(@NotNull @DecimalMin("0") @Schema(description = "The weight of an objective's own progress against "
            + "its aligned children's roll-ups (0: a parent's roll-up is its children's alone)", example = "1") Double ownWeight) {
    }

    private final RollupSettings settings;
    private final CurrentCaller caller;

    public RollupSettingsResource(RollupSettings settings, CurrentCaller caller) {
        this.settings = settings;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "getAlignmentSettings", summary = "The organisation's roll-up settings", description = "The deployment default (version 0) until an admin sets them.")
    @APIResponse(responseCode = "200", description = "The settings with their ETag", content = @Content(schema = @Schema(implementation = Settings.class)))
    public Uni<Response> get() {
        return settings.get(caller.organisationId()).map(RollupSettingsResource::ok);
    }

    @PUT
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "updateAlignmentSettings", summary = "Change the roll-up settings", description = "Admins only; every roll-up of the organisation follows at once. Send If-Match.")
    @APIResponse(responseCode = "200", description = "The new settings", content = @Content(schema = @Schema(implementation = Settings.class)))
    public Uni<Response> put(@HeaderParam("If-Match") String ifMatch, @Valid @NotNull Settings request) {
        return settings.change(caller.organisationId(), ifMatch, request.ownWeight()).map(RollupSettingsResource::ok);
    }

    private static Response ok(RollupSettings.Versioned v) {
        return Response.ok(new Settings(v.ownWeight())).tag(new EntityTag(String.valueOf(v.version()))).build();
    }
}

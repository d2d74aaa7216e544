package dev.okr.objectives.settings;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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

import dev.okr.objectives.scoring.HealthThresholds;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/settings/okr")
@Tag(name = "settings", description = "The organisation's settings: how health is judged (okr) and how roll-ups weigh (alignment)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SettingsResource {

    @Schema(name = "OkrSettings", description = "How health is judged (DESIGN.md §2); absent settings are the defaults shown here")
    public record SettingsBody(
            @NotNull @Schema(description = "How far behind the expected progress still counts as on track", example = "0.10") Double onTrackMargin,
            @NotNull @Schema(description = "How far behind still counts as at risk rather than off track", example = "0.25") Double atRiskMargin,
            @NotNull @Schema(description = "A latest confidence at or below this caps health at AT_RISK", example = "3") Integer lowConfidence,
            @NotNull @Schema(description = "The final score at which an aspirational objective counts as achieved", example = "0.7") Double aspirationalAchieved) {

        static SettingsBody of(HealthThresholds t) {
            return new SettingsBody(t.onTrackMargin(), t.atRiskMargin(), t.lowConfidence(), t.aspirationalAchieved());
        }

        HealthThresholds thresholds() {
            return new HealthThresholds(onTrackMargin, atRiskMargin, lowConfidence, aspirationalAchieved);
        }
    }

    private final SettingsService settings;
    private final CurrentCaller caller;

    public SettingsResource(SettingsService settings, CurrentCaller caller) {
        this.settings = settings;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Caller.VIEWER)
    @Operation(operationId = "getOkrSettings", summary = "The organisation's health thresholds", description = "The defaults (version 0) until an admin changes them.")
    @APIResponse(responseCode = "200", description = "The thresholds, with their ETag", content = @Content(schema = @Schema(implementation = SettingsBody.class)))
    public Uni<Response> get() {
        return settings.get(caller.organisationId()).map(SettingsResource::answer);
    }

    @PUT
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "updateOkrSettings", summary = "Change the health thresholds", description = "Admins only. Send If-Match with the ETag you read (\"0\" for the defaults). "
            + "Health everywhere follows at once: it is computed on every read.")
    @APIResponse(responseCode = "200", description = "The new thresholds", content = @Content(schema = @Schema(implementation = SettingsBody.class)))
    @APIResponse(responseCode = "400", description = "Out of range")
    public Uni<Response> put(@HeaderParam("If-Match") String ifMatch, @Valid @NotNull SettingsBody body) {
        return settings.put(caller.organisationId(), ifMatch, body.thresholds()).map(SettingsResource::answer);
    }

    private static Response answer(SettingsService.Versioned v) {
        return Response.ok(SettingsBody.of(v.thresholds())).tag(new EntityTag(String.valueOf(v.version()))).build();
    }
}

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

import dev.okr.objectives.keyresult.Cadence;
import dev.okr.objectives.scoring.Guidance;
import dev.okr.objectives.scoring.HealthThresholds;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/settings/okr")
@Tag(name = "settings", description = "The organisation's settings: how health is judged (okr) and how roll-ups weigh (alignment)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SettingsResource {

    @Schema(name = "OkrSettings", description = "How health is judged (DESIGN.md §2), what an objective is advised to look like "
            + "and how often key results are checked in on; absent settings are the defaults shown here")
    public record SettingsBody(
            @Schema(description = "How far behind the expected progress still counts as on track", example = "0.10") double onTrackMargin,
            @Schema(description = "How far behind still counts as at risk rather than off track", example = "0.25") double atRiskMargin,
            @Schema(description = "A latest confidence at or below this caps health at AT_RISK", example = "3") int lowConfidence,
            @Schema(description = "The final score at which an aspirational objective counts as achieved", example = "0.7") double aspirationalAchieved,
            @Schema(description = "The fewest key results an objective is advised to have (a warning below)", example = "3") int minKeyResults,
            @Schema(description = "The most key results an objective is advised to have (a warning above)", example = "5") int maxKeyResults,
            @Schema(description = "How often a key result is checked in on unless it has its own cadence", example = "WEEKLY")
            Cadence checkInCadence) {

        static SettingsBody of(Settings s) {
            HealthThresholds t = s.thresholds();
            return new SettingsBody(t.onTrackMargin(), t.atRiskMargin(), t.lowConfidence(), t.aspirationalAchieved(),
                    s.guidance().minKeyResults(), s.guidance().maxKeyResults(), s.cadence());
        }
    }

    @Schema(name = "OkrSettingsRequest", description = "The settings to use; the health thresholds are all needed, the other fields "
            + "take their defaults when left out")
    public record SettingsRequest(
            @NotNull @Schema(description = "How far behind the expected progress still counts as on track", example = "0.10") Double onTrackMargin,
            @NotNull @Schema(description = "How far behind still counts as at risk rather than off track", example = "0.25") Double atRiskMargin,
            @NotNull @Schema(description = "A latest confidence at or below this caps health at AT_RISK", example = "3") Integer lowConfidence,
            @NotNull @Schema(description = "The final score at which an aspirational objective counts as achieved", example = "0.7") Double aspirationalAchieved,
            @Schema(description = "The fewest key results an objective is advised to have (a warning below; default 3)", example = "3") Integer minKeyResults,
            @Schema(description = "The most key results an objective is advised to have (a warning above; default 5)", example = "5") Integer maxKeyResults,
            @Schema(description = "How often a key result is checked in on unless it has its own cadence (default WEEKLY)", example = "WEEKLY")
            Cadence checkInCadence) {

        /** The settings this request sets; a field it leaves out takes its default. */
        Settings settings() {
            Guidance advised = Guidance.DEFAULTS;
            return new Settings(new HealthThresholds(onTrackMargin, atRiskMargin, lowConfidence, aspirationalAchieved),
                    new Guidance(minKeyResults == null ? advised.minKeyResults() : minKeyResults,
                            maxKeyResults == null ? advised.maxKeyResults() : maxKeyResults),
                    checkInCadence == null ? Cadence.DEFAULT : checkInCadence);
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
    @Operation(operationId = "getOkrSettings", summary = "The organisation's OKR settings", description = "The defaults (version 0) until an admin changes them.")
    @APIResponse(responseCode = "200", description = "The settings, with their ETag", content = @Content(schema = @Schema(implementation = SettingsBody.class)))
    public Uni<Response> get() {
        return settings.get(caller.organisationId()).map(SettingsResource::answer);
    }

    @PUT
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "updateOkrSettings", summary = "Change the OKR settings", description = "Admins only. Send If-Match with the ETag you read (\"0\" for the defaults). "
            + "A field left out takes its default. Health, warnings and check-ins due everywhere follow at once: they are computed on every read.")
    @APIResponse(responseCode = "200", description = "The new settings", content = @Content(schema = @Schema(implementation = SettingsBody.class)))
    @APIResponse(responseCode = "400", description = "Out of range")
    public Uni<Response> put(@HeaderParam("If-Match") String ifMatch, @Valid @NotNull SettingsRequest body) {
        return settings.put(caller.organisationId(), ifMatch, body.settings()).map(SettingsResource::answer);
    }

    private static Response answer(SettingsService.Versioned v) {
        return Response.ok(SettingsBody.of(v.settings())).tag(new EntityTag(String.valueOf(v.version()))).build();
    }
}

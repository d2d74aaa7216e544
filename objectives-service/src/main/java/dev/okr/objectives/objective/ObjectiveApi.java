package dev.okr.objectives.objective;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.okr.objectives.keyresult.KeyResultApi.KeyResultRequest;
import dev.okr.objectives.keyresult.KeyResultApi.KeyResultView;
import dev.okr.objectives.scoring.Guidance;
import dev.okr.objectives.scoring.Health;

/** Request and response bodies for objectives. */
public final class ObjectiveApi {

    private ObjectiveApi() {
    }

    @Schema(name = "OwnerRequest", description = "Who owns an objective: the company, an org unit (its id) or a person (their user id)")
    public record Owner(
            @NotNull @Schema(example = "UNIT") Objective.OwnerType type,
            @Size(max = 200) @Schema(description = "The unit's id or the person's user id; the company needs none",
                    example = "5d1c7c1e-2f7b-4c39-9f43-6d0b1f2a8e11") String id) {
    }

    @Schema(name = "Owner", description = "Who owns an objective: the company (the organisation's id), an org unit (its id) or a "
            + "person (their user id)")
    public record OwnerView(Objective.OwnerType type, String id) {
    }

    @Schema(name = "ObjectiveRequest")
    public record ObjectiveRequest(
            @NotNull UUID cycleId,
            @NotBlank @Size(max = 200) @Schema(example = "Become the market leader in SaaS") String title,
            @Size(max = 4000) String description,
            @NotNull @Valid Owner owner,
            @Schema(description = "COMMITTED (default) or ASPIRATIONAL", example = "COMMITTED") Objective.Kind kind,
            @Valid @Size(max = 20) List<@NotNull @Valid KeyResultRequest> keyResults) {
    }

    @Schema(name = "ObjectivePatch", description = "A JSON merge patch (RFC 7396): absent fields stay as they are, null removes "
            + "the description (the other fields cannot be removed)")
    public record ObjectivePatch(
            @Size(min = 1, max = 200) String title,
            @Size(max = 4000) String description,
            @Valid Owner owner,
            Objective.Kind kind) {
    }

    @Schema(name = "RollOver")
    public record RollOverRequest(@NotNull @Schema(description = "The cycle to carry the objective into") UUID cycleId) {
    }

    @Schema(name = "Objective")
    public record ObjectiveView(
            UUID id,
            UUID cycleId,
            String title,
            @Schema(nullable = true) String description,
            OwnerView owner,
            Objective.Kind kind,
            Objective.Status status,
            @Schema(description = "Weighted progress of the key results; without key results, the roll-up of aligned objectives", example = "0.62") double progress,
            @Schema(nullable = true, description = "The roll-up of this objective and the objectives aligned under it, from alignment-service") Double rollupProgress,
            Health health,
            @Schema(example = "62 % done, 80 % of the cycle elapsed: 18 points behind pace") String healthReason,
            @Schema(nullable = true, description = "The final score, set when the cycle closes", example = "0.7") Double score,
            @Schema(nullable = true, description = "The objective this one was carried over from") UUID rolledOverFrom,
            @Schema(nullable = true, description = "The objective this one was carried over into (while that is not archived)") UUID rolledOverTo,
            long version,
            Instant createdAt,
            Instant updatedAt,
            @Schema(nullable = true) Instant closedAt,
            @Schema(description = "Advice on how the objective is written (the organisation's settings say how many key results); "
                    + "empty for objectives no longer active") List<Guidance.Warning> warnings,
            List<KeyResultView> keyResults) {

        /** This objective's key result with this id (one of its own: the caller knows it is there). */
        public KeyResultView keyResult(UUID keyResultId) {
            return keyResults.stream().filter(kr -> kr.id().equals(keyResultId)).findFirst().orElseThrow();
        }
    }
}

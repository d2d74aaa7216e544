package dev.okr.objectives.keyresult;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.okr.contracts.problem.Problem;
import dev.okr.objectives.scoring.Health;
import dev.okr.platform.input.CrossChecked;

/** Request and response bodies for key results. */
public final class KeyResultApi {

    private KeyResultApi() {
    }

    @Schema(name = "KeyResultRequest", description = "A key result. NUMERIC needs start and target (current defaults to start); "
            + "BOOLEAN needs nothing more; MILESTONES needs milestones; KPI_LINKED needs kpiId.")
    @CrossChecked
    public record KeyResultRequest(
            @NotBlank @Size(max = 200) @Schema(example = "1,000 new customers in Q3") String title,
            @NotNull @Schema(example = "NUMERIC") KeyResult.Type type,
            @Size(max = 20) @Schema(description = "number, percent, duration, or an ISO 4217 currency code (USD)", example = "number") String unit,
            @Schema(example = "0") Double start,
            @Schema(example = "1000") Double target,
            @JsonProperty("currentValue") @Schema(description = "Where it stands now (NUMERIC; defaults to start)", example = "0") Double current,
            @DecimalMin(value = "0", inclusive = false) @Schema(description = "Its share in the objective's progress (default 1)", example = "1") Double weight,
            @Valid @Size(max = 50) List<@NotNull @Valid MilestoneRequest> milestones,
            @Schema(description = "The KPI a KPI_LINKED key result follows") UUID kpiId,
            @Schema(description = "How often it is checked in on; absent: the organisation's cadence (settings)", example = "WEEKLY")
            Cadence cadence) implements CrossChecked.Checks {

        @Override
        public List<Problem.FieldError> crossCheck() {
            return KeyResultRules.problems(this);
        }
    }

    @Schema(name = "MilestoneRequest")
    public record MilestoneRequest(
            @Schema(description = "An existing milestone's id, to keep it (and whether it is complete) when the key result changes") UUID id,
            @NotBlank @Size(max = 200) @Schema(example = "Design the loyalty tiers") String title,
            @DecimalMin(value = "0", inclusive = false) @Schema(example = "1") Double weight) {
    }

    @Schema(name = "KeyResultOrder")
    public record KeyResultOrder(@NotEmpty List<@NotNull UUID> keyResultIds) {
    }

    @Schema(name = "Milestone")
    public record MilestoneView(UUID id, String title, double weight, boolean completed, @Schema(nullable = true) Instant completedAt) {
    }

    @Schema(name = "KeyResult")
    public record KeyResultView(
            UUID id,
            UUID objectiveId,
            String title,
            KeyResult.Type type,
            @Schema(nullable = true) String unit,
            @Schema(nullable = true) Double start,
            @Schema(nullable = true) Double target,
            @JsonProperty("currentValue") @Schema(nullable = true, description = "Where it stands now: a NUMERIC's last check-in, a "
                    + "KPI_LINKED's KPI value (null until measured); null for BOOLEAN and MILESTONES") Double current,
            @Schema(nullable = true) Boolean done,
            @Schema(nullable = true) List<MilestoneView> milestones,
            @Schema(nullable = true) UUID kpiId,
            double weight,
            int position,
            @Schema(example = "0.62") double progress,
            Health health,
            @Schema(example = "62 % done, 80 % of the cycle elapsed: 18 points behind pace") String healthReason,
            @Schema(nullable = true) Integer confidence,
            @Schema(nullable = true) Instant lastCheckInAt,
            @Schema(description = "How often it is checked in on: its own cadence, or the organisation's") Cadence cadence,
            @Schema(description = "Whether the cadence is the organisation's (the key result has none of its own)") boolean cadenceInherited,
            @Schema(nullable = true, description = "The UTC day the next check-in is due; null for KPI_LINKED key results (their KPI "
                    + "updates them), for objectives no longer active, and once the last check-in was on the cycle's last day",
                    example = "2026-10-09") LocalDate nextCheckInDue,
            long version) {
    }
}

package dev.okr.objectives.cycle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.okr.contracts.problem.Problem;
import dev.okr.platform.input.CrossChecked;

/** The request and response bodies of the cycles API. */
public final class CycleApi {

    private CycleApi() {
    }

    @Schema(name = "CycleRequest", description = "A cycle to create, or its new state")
    @CrossChecked
    public record CycleRequest(
            @NotBlank @Size(max = 100) @Schema(example = "2026-Q4") String name,
            @NotNull @Schema(example = "2026-10-01") LocalDate startDate,
            @NotNull @Schema(example = "2026-12-31", description = "The last day of the cycle, included") LocalDate endDate)
            implements CrossChecked.Checks {

        @Override
        public List<Problem.FieldError> crossCheck() {
            return CyclePeriod.problems(startDate, endDate);
        }
    }

    @Schema(name = "Cycle")
    public record CycleView(
            UUID id,
            @Schema(example = "2026-Q4") String name,
            @Schema(example = "2026-10-01") LocalDate startDate,
            @Schema(example = "2026-12-31") LocalDate endDate,
            Cycle.Status status,
            @Schema(description = "Where today falls: before, inside or after the cycle's dates") CyclePeriod.Phase phase,
            @Schema(description = "The share of the cycle elapsed today, 0 to 1", example = "0.62") double elapsed,
            @Schema(nullable = true) Instant closedAt,
            long version,
            Instant createdAt,
            Instant updatedAt) {

        public static CycleView of(Cycle c, Instant now) {
            CyclePeriod period = new CyclePeriod(c.startDate, c.endDate);
            return new CycleView(c.id, c.name, c.startDate, c.endDate, c.status, period.phaseAt(now),
                    Math.round(period.elapsedFraction(now) * 10_000) / 10_000.0, c.closedAt, c.version, c.createdAt,
                    c.updatedAt);
        }
    }
}

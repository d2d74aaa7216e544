package dev.okr.objectives.checkin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.okr.objectives.keyresult.KeyResultApi.KeyResultView;

/** Request and response bodies for check-ins. */
public final class CheckInApi {

    private CheckInApi() {
    }

    @Schema(name = "CheckInRequest", description = "A NUMERIC key result takes value; BOOLEAN takes done; MILESTONES takes "
            + "completedMilestones (the ids complete so far); KPI_LINKED takes neither: its value follows the KPI, a check-in records confidence and note.")
    public record CheckInRequest(
            @Schema(example = "620") Double value,
            Boolean done,
            @Size(max = 50) List<@NotNull UUID> completedMilestones,
            @NotNull @Min(0) @Max(10) @Schema(description = "How likely the key result is to be met, 0 to 10", example = "7") Integer confidence,
            @Size(max = 4000) @Schema(example = "Two enterprise deals closed this week") String note,
            @Schema(description = "The moment the check-in speaks for, if earlier than now (\"I forgot to check in on Friday\"): not in the "
                    + "future, not before the cycle began. The key result takes its values only if no check-in dated later exists; "
                    + "either way its history changes from that moment on. Default: now.") Instant checkedInAt) {
    }

    @Schema(name = "CheckIn")
    public record CheckInView(UUID id, UUID keyResultId, @Schema(nullable = true) Double value, @Schema(nullable = true) Boolean done, @Schema(nullable = true) List<UUID> completedMilestones,
            @Schema(example = "0.62") double progress, int confidence, @Schema(nullable = true) String note, String author,
            @Schema(description = "The moment it speaks for (see the request)") Instant checkedInAt,
            @Schema(description = "When it was recorded") Instant createdAt) {

        static CheckInView of(CheckIn c) {
            return new CheckInView(c.id, c.keyResultId, c.value, c.done, CheckInRules.ids(c.completedMilestones),
                    c.progress, c.confidence, c.note, c.author, c.checkedInAt, c.createdAt);
        }
    }

    @Schema(name = "CheckInResult", description = "The check-in and the key result after it")
    public record CheckInResult(CheckInView checkIn, KeyResultView keyResult) {
    }
}

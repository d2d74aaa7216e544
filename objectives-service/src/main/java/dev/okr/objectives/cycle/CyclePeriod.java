package dev.okr.objectives.cycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.okr.contracts.problem.Problem;
import dev.okr.objectives.scoring.Timeline;
import dev.okr.platform.problem.ProblemException;

/**
 * The period of a cycle: {@code startDate} to {@code endDate}, both days included, at most 366 days.
 * The cycle runs from the start of its first day to the end of its last day, in UTC.
 */
public record CyclePeriod(LocalDate startDate, LocalDate endDate) {

    public static final int MAX_DAYS = 366;

    @Schema(name = "CyclePhase")
    public enum Phase {
        UPCOMING, ACTIVE, ENDED
    }

    /** Checks the period rules, naming the field at fault. */
    public static CyclePeriod of(LocalDate startDate, LocalDate endDate) {
        List<Problem.FieldError> errors = problems(startDate, endDate);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors.get(0).field(), errors.get(0).message());
        }
        return new CyclePeriod(startDate, endDate);
    }

    /** What is wrong with a period (nothing when a date is missing: that is the field's own error). */
    public static List<Problem.FieldError> problems(LocalDate startDate, LocalDate endDate) {
        if (startDate == null || endDate == null) {
            return List.of();
        }
        if (!startDate.isBefore(endDate)) {
            return List.of(new Problem.FieldError("endDate", "must be after startDate (" + startDate + ")"));
        }
        long days = ChronoUnit.DAYS.between(startDate, endDate) + 1;
        if (days > MAX_DAYS) {
            return List.of(new Problem.FieldError("endDate", "a cycle spans at most " + MAX_DAYS + " days; this one spans " + days));
        }
        return List.of();
    }

    public Timeline timeline() {
        return new Timeline(startDate, endDate);
    }

    public Instant startsAt() {
        return timeline().startsAt();
    }

    /** The first instant after the cycle: midnight UTC after its last day. */
    public Instant endsAt() {
        return timeline().endsAt();
    }

    /** The share of the cycle elapsed at {@code now}, in [0, 1]: the progress expected by then. */
    public double elapsedFraction(Instant now) {
        return timeline().elapsedFraction(now);
    }

    public Phase phaseAt(Instant now) {
        if (now.isBefore(startsAt())) {
            return Phase.UPCOMING;
        }
        return now.isBefore(endsAt()) ? Phase.ACTIVE : Phase.ENDED;
    }
}

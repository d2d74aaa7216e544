package dev.okr.objectives.scoring;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A cycle's time: from the start of its first day to the end of its last day, in UTC.
 */
public record Timeline(LocalDate start, LocalDate end) {

    public Instant startsAt() {
        return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the cycle: midnight UTC after its last day. */
    public Instant endsAt() {
        return end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The elapsed share at {@code now}, clamped to [0, 1]: the progress expected by then. */
    public double elapsedFraction(Instant now) {
        long total = endsAt().toEpochMilli() - startsAt().toEpochMilli();
        double elapsed = (double) (now.toEpochMilli() - startsAt().toEpochMilli()) / total;
        return Math.max(0, Math.min(1, elapsed));
    }
}

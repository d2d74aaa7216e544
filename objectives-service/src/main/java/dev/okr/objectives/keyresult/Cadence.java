package dev.okr.objectives.keyresult;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How often a key result is checked in on: weekly by default (an organisation setting), or its own. A check-in
 * is due one period after the last one (or after the key result began: its creation, or its cycle's start if
 * later), and on the cycle's last day at the latest. Days are UTC days, as the cycle's.
 */
@Schema(name = "CheckInCadence", description = "WEEKLY (7 days), BIWEEKLY (14 days) or MONTHLY (the same day a month later)")
public enum Cadence {
    WEEKLY, BIWEEKLY, MONTHLY;

    public static final Cadence DEFAULT = WEEKLY;

    /** The day one period after {@code day}. */
    public LocalDate after(LocalDate day) {
        return switch (this) {
            case WEEKLY -> day.plusWeeks(1);
            case BIWEEKLY -> day.plusWeeks(2);
            case MONTHLY -> day.plusMonths(1);
        };
    }

    /**
     * The day the next check-in is due, or null when none is owed any more (the last one was on or after the
     * cycle's last day).
     *
     * @param lastCheckInAt   the last check-in, or null for none yet
     * @param createdAt       when the key result was created
     * @param cycleStart      the cycle's first day
     * @param cycleEnd        the cycle's last day
     */
    public LocalDate nextDue(Instant lastCheckInAt, Instant createdAt, LocalDate cycleStart, LocalDate cycleEnd) {
        LocalDate began = lastCheckInAt != null ? day(lastCheckInAt) : createdAt == null ? cycleStart : day(createdAt);
        // a check-in (or a key result) from before the cycle began counts from its first day
        LocalDate anchor = began.isAfter(cycleStart) ? began : cycleStart;
        if (lastCheckInAt != null && !anchor.isBefore(cycleEnd)) {
            return null;
        }
        LocalDate due = after(anchor);
        return due.isAfter(cycleEnd) ? cycleEnd : due;
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}

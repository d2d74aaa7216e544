package dev.okr.objectives.keyresult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** When a key result's next check-in is due, with exact days. */
class CadenceTest {

    private static final LocalDate Q4_START = LocalDate.parse("2026-10-01");
    private static final LocalDate Q4_END = LocalDate.parse("2026-12-31");

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void shouldBeDueOnePeriodAfterTheLastCheckIn() {
        Instant friday = at("2026-10-09T17:30:00Z");
        assertEquals(LocalDate.parse("2026-10-16"), Cadence.WEEKLY.nextDue(friday, at("2026-10-01T08:00:00Z"), Q4_START, Q4_END));
        assertEquals(LocalDate.parse("2026-10-23"), Cadence.BIWEEKLY.nextDue(friday, at("2026-10-01T08:00:00Z"), Q4_START, Q4_END));
        assertEquals(LocalDate.parse("2026-11-09"), Cadence.MONTHLY.nextDue(friday, at("2026-10-01T08:00:00Z"), Q4_START, Q4_END));
    }

    @Test
    void shouldCountTheLastCheckInsUtcDay() {
        // 23:30 in UTC-2 is already the next day in UTC
        assertEquals(LocalDate.parse("2026-10-17"), Cadence.WEEKLY.nextDue(at("2026-10-10T01:30:00Z"), at("2026-10-01T08:00:00Z"),
                Q4_START, Q4_END));
    }

    @Test
    void shouldBeDueOnePeriodAfterTheKeyResultBeganWithoutCheckIns() {
        // created before the cycle began: the cycle's first day counts
        assertEquals(LocalDate.parse("2026-10-08"), Cadence.WEEKLY.nextDue(null, at("2026-09-20T08:00:00Z"), Q4_START, Q4_END));
        // created during the cycle: its own day counts
        assertEquals(LocalDate.parse("2026-11-03"), Cadence.WEEKLY.nextDue(null, at("2026-10-27T23:59:00Z"), Q4_START, Q4_END));
    }

    @Test
    void shouldBeDueOnTheCyclesLastDayAtTheLatest() {
        assertEquals(Q4_END, Cadence.WEEKLY.nextDue(at("2026-12-28T10:00:00Z"), at("2026-10-01T08:00:00Z"), Q4_START, Q4_END));
        assertEquals(Q4_END, Cadence.MONTHLY.nextDue(at("2026-12-01T10:00:00Z"), at("2026-10-01T08:00:00Z"), Q4_START, Q4_END));
        assertEquals(Q4_END, Cadence.MONTHLY.nextDue(null, at("2026-12-20T10:00:00Z"), Q4_START, Q4_END));
        // one month after 31 January is the last day of February
        assertEquals(LocalDate.parse("2027-02-28"), Cadence.MONTHLY.nextDue(at("2027-01-31T10:00:00Z"), at("2027-01-01T08:00:00Z"),
                LocalDate.parse("2027-01-01"), LocalDate.parse("2027-03-31")));
    }

    @Test
    void shouldOweNothingOnceCheckedInOnTheLastDayOrLater() {
        assertNull(Cadence.WEEKLY.nextDue(at("2026-12-31T09:00:00Z"), at("2026-10-01T08:00:00Z"), Q4_START, Q4_END));
        assertNull(Cadence.WEEKLY.nextDue(at("2027-01-03T09:00:00Z"), at("2026-10-01T08:00:00Z"), Q4_START, Q4_END));
    }

    @Test
    void shouldCountACheckInFromBeforeTheCycleFromItsFirstDay() {
        assertEquals(LocalDate.parse("2026-10-08"), Cadence.WEEKLY.nextDue(at("2026-09-25T10:00:00Z"), at("2026-09-20T08:00:00Z"),
                Q4_START, Q4_END));
    }

    @Test
    void shouldOweTheLastCheckInOfACycleThatEndedWithoutOne() {
        // created after the cycle's last day (the cycle still open): owed on that last day, already past
        assertEquals(Q4_END, Cadence.WEEKLY.nextDue(null, at("2027-01-05T08:00:00Z"), Q4_START, Q4_END));
    }
}

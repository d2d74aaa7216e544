package dev.okr.objectives.cycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import dev.okr.platform.problem.ProblemException;

class CyclePeriodTest {

    private static final CyclePeriod Q4 = CyclePeriod.of(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-12-31"));

    @Test
    void shouldRejectAnEndBeforeOrOnTheStart() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> CyclePeriod.of(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-09-30")));
        assertEquals(400, e.status());
        assertEquals("endDate", e.toProblem(null).errors().get(0).field());
        assertThrows(ProblemException.class, () -> CyclePeriod.of(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-01")));
    }

    @Test
    void shouldAcceptAFullLeapYearButNotOneDayMore() {
        CyclePeriod.of(LocalDate.parse("2028-01-01"), LocalDate.parse("2028-12-31")); // 366 days
        ProblemException e = assertThrows(ProblemException.class,
                () -> CyclePeriod.of(LocalDate.parse("2026-01-01"), LocalDate.parse("2027-01-02"))); // 367 days
        assertEquals("endDate: a cycle spans at most 366 days; this one spans 367", e.getMessage());
    }

    @Test
    void shouldIncludeTheLastDay() {
        assertEquals(Instant.parse("2026-10-01T00:00:00Z"), Q4.startsAt());
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), Q4.endsAt());
    }

    @Test
    void shouldMeasureTheElapsedShareClampedToTheCycle() {
        // Q4 2026 is 92 days long
        assertEquals(0.0, Q4.elapsedFraction(Instant.parse("2026-09-15T00:00:00Z")));
        assertEquals(0.0, Q4.elapsedFraction(Instant.parse("2026-10-01T00:00:00Z")));
        assertEquals(46.0 / 92, Q4.elapsedFraction(Instant.parse("2026-11-16T00:00:00Z")), 1e-12);
        assertEquals(1.0, Q4.elapsedFraction(Instant.parse("2027-01-01T00:00:00Z")));
        assertEquals(1.0, Q4.elapsedFraction(Instant.parse("2027-03-01T00:00:00Z")));
    }

    @Test
    void shouldTellThePhase() {
        assertEquals(CyclePeriod.Phase.UPCOMING, Q4.phaseAt(Instant.parse("2026-09-30T23:59:59Z")));
        assertEquals(CyclePeriod.Phase.ACTIVE, Q4.phaseAt(Instant.parse("2026-10-01T00:00:00Z")));
        assertEquals(CyclePeriod.Phase.ACTIVE, Q4.phaseAt(Instant.parse("2026-12-31T23:59:59Z")));
        assertEquals(CyclePeriod.Phase.ENDED, Q4.phaseAt(Instant.parse("2027-01-01T00:00:00Z")));
    }
}

package dev.okr.kpi.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import dev.okr.kpi.kpi.Recurrence.Every;
import dev.okr.kpi.kpi.Recurrence.Period;

/** A recurring KPI's periods, with exact days. */
class RecurrenceTest {

    private static LocalDate day(String text) {
        return LocalDate.parse(text);
    }

    private static Period period(String start, String end) {
        return new Period(day(start), day(end));
    }

    @Test
    void shouldCountQuartersFromTheAnchor() {
        Recurrence quarters = new Recurrence(Every.QUARTER, day("2026-01-01"));
        assertEquals(period("2026-10-01", "2026-12-31"), quarters.containing(day("2026-12-02")));
        assertEquals(period("2026-10-01", "2026-12-31"), quarters.containing(day("2026-10-01")));
        assertEquals(period("2026-10-01", "2026-12-31"), quarters.containing(day("2026-12-31")));
        assertEquals(period("2027-01-01", "2027-03-31"), quarters.containing(day("2027-01-01")));
        assertEquals(period("2027-01-01", "2027-03-31"), quarters.after(quarters.containing(day("2026-11-15"))));
        // before the anchor, periods run back
        assertEquals(period("2025-10-01", "2025-12-31"), quarters.containing(day("2025-12-31")));
    }

    @Test
    void shouldFollowAFiscalYearAndMonthsAnchoredLate() {
        Recurrence fiscal = new Recurrence(Every.YEAR, day("2026-04-01"));
        assertEquals(period("2026-04-01", "2027-03-31"), fiscal.containing(day("2026-12-02")));
        assertEquals(period("2025-04-01", "2026-03-31"), fiscal.containing(day("2026-03-31")));
        // anchored on the 31st: each month is counted from the anchor, so none drifts
        Recurrence months = new Recurrence(Every.MONTH, day("2026-01-31"));
        assertEquals(period("2026-02-28", "2026-03-30"), months.containing(day("2026-03-01")));
        assertEquals(period("2026-03-31", "2026-04-29"), months.containing(day("2026-04-15")));
        assertEquals(period("2026-01-31", "2026-02-27"), months.containing(day("2026-02-27")));
    }
}

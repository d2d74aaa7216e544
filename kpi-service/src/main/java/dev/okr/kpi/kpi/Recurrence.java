package dev.okr.kpi.kpi;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A KPI that goes on across cycles: it is measured in periods of a month, a quarter or a year, counted from an anchor
 * day (a quarter anchored at 2026-01-01 runs January to March, April to June…). Its value and status are its current
 * period's; integrations keep pushing to the same key. Periods are whole UTC days; each starts a whole number of
 * periods after the anchor, computed from the anchor itself (never from the previous start), so months anchored on the
 * 31st start on the last day of shorter months and never drift (31 January, 28 February, 31 March…).
 */
public record Recurrence(Every every, LocalDate anchor) {

    @Schema(name = "KpiPeriodLength")
    public enum Every {
        MONTH(1), QUARTER(3), YEAR(12);

        final int months;

        Every(int months) {
            this.months = months;
        }
    }

    /** One period: its first and last day, both included. */
    public record Period(LocalDate start, LocalDate end) {
    }

    /** The period that holds {@code day} (before the anchor too: periods run back as well as forth). */
    public Period containing(LocalDate day) {
        long k = Math.floorDiv(ChronoUnit.MONTHS.between(anchor, day), every.months);
        while (start(k).isAfter(day)) {
            k--;
        }
        while (!start(k + 1).isAfter(day)) {
            k++;
        }
        return new Period(start(k), start(k + 1).minusDays(1));
    }

    /** The period after {@code period}. */
    public Period after(Period period) {
        return containing(period.end().plusDays(1));
    }

    private LocalDate start(long k) {
        return anchor.plusMonths(k * every.months);
    }
}

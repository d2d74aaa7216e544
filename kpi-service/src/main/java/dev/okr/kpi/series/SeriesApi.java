package dev.okr.kpi.series;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.okr.kpi.status.KpiStatus;

/** Response bodies of series and trends. */
public final class SeriesApi {

    private SeriesApi() {
    }

    public enum Bucket {
        DAY, WEEK, MONTH;

        /** The first instant of the bucket after the one starting at {@code start}. */
        Instant next(Instant start) {
            LocalDate date = LocalDate.ofInstant(start, ZoneOffset.UTC);
            LocalDate next = switch (this) {
                case DAY -> date.plusDays(1);
                case WEEK -> date.plusWeeks(1);
                case MONTH -> date.plusMonths(1);
            };
            return next.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        /** The first instant of the bucket a UTC day falls in: the day, its week's Monday, or its month's first day. */
        Instant startOf(Instant day) {
            LocalDate date = LocalDate.ofInstant(day, ZoneOffset.UTC);
            LocalDate first = switch (this) {
                case DAY -> date;
                case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> date.withDayOfMonth(1);
            };
            return first.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    @Schema(name = "SeriesPoint", description = "One bucket. Every bucket from the first to the last has a point: one without "
            + "measurements is carried (SUM and COUNT: 0; LAST, AVG, MIN, MAX: the previous bucket's value, null before any)")
    public record Point(@Schema(description = "The bucket's first instant (UTC)") Instant start,
            @Schema(nullable = true, description = "The KPI's aggregation over the bucket's measurements (a FORMULA KPI: its formula "
                    + "over its inputs' values of the bucket); null before anything was measured, or where the formula has no value")
            Double value,
            @Schema(description = "The measurements in the bucket (a FORMULA KPI: its inputs')") long count,
            @Schema(description = "No measurement in this bucket: the value is carried as above") boolean carried) {
    }

    @Schema(name = "Series")
    public record Series(UUID kpiId, String key, Bucket bucket, Instant from, Instant to, @Schema(nullable = true) String dimension, List<Point> points) {
    }

    @Schema(name = "Period")
    public record Period(Instant from, Instant to, @Schema(nullable = true) Double value) {
    }

    @Schema(name = "Forecast", description = "A straight line through the KPI's daily values, read at the end of its time frame")
    public record Forecast(Instant at, @Schema(nullable = true) Double value, @Schema(nullable = true) KpiStatus status, int basedOnDays) {
    }

    @Schema(name = "Trend")
    public record Trend(UUID kpiId, String key, Period currentPeriod, Period previousPeriod,
            @Schema(nullable = true, description = "(current − previous) / |previous|, as a share", example = "0.25") Double growth,
            Forecast forecast) {
    }
}

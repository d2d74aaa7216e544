package dev.okr.kpi.kpi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.okr.contracts.KpiKeys;
import dev.okr.contracts.problem.Problem;
import dev.okr.kpi.status.KpiStatus;
import dev.okr.platform.input.CrossChecked;

/** Request and response bodies of the KPI API. */
public final class KpiApi {

    private KpiApi() {
    }

    static final String COMPONENT = "is one of the four components every KPI needs (target, timeframe, dataSource, frequency)";

    @Schema(name = "KpiRequest", description = "A KPI with its four components: a measurable target, a time frame, a data source and a tracking frequency")
    @CrossChecked
    public record KpiRequest(
            @NotBlank @Pattern(regexp = KpiKeys.PATTERN, message = "must be a slug: lower-case letters, digits and dashes, at most 64")
            @Schema(description = "Unique in the organisation; what integrations address the KPI by", example = "domestic-leads") String key,
            @NotBlank @Size(max = 200) @Schema(example = "New domestic leads") String name,
            @Size(max = 4000) String description,
            @Size(max = 20) @Schema(description = "number, percent, a currency code, or a word such as leads", example = "leads") String unit,
            @NotNull(message = COMPONENT) @Valid TargetBody target,
            @Valid @Schema(description = "The days it is judged over; a recurring KPI (period) has none: its time frame is its current period")
            Timeframe timeframe,
            @Valid @Schema(description = "For a KPI that goes on across cycles: its periods, in place of a time frame") PeriodRequest period,
            @NotNull(message = COMPONENT) @Valid DataSource dataSource,
            @NotNull(message = COMPONENT) @Schema(example = "WEEKLY") Frequency frequency,
            @Schema(description = "How measurements become the value (default LAST)", example = "SUM") Aggregation aggregation,
            @Size(max = 64) @Schema(description = "A dimension to judge separately per value, e.g. project", example = "project") String groupBy,
            @DecimalMin("0") @DecimalMax("1") @Schema(description = "The at-risk band as a share (default 0.10)", example = "0.1") Double atRiskBand,
            @Valid @Schema(description = "Who answers for it: a person, {type: PERSON, id: their user id}; the creator by default") Owner owner,
            @Size(max = 20) List<@NotBlank @Size(max = 40) String> tags) implements CrossChecked.Checks {

        @Override
        public List<Problem.FieldError> crossCheck() {
            return KpiDefinitions.problems(this);
        }

        /** The time frame as of {@code today}: the one given, or the recurring KPI's period that holds today. */
        public Timeframe timeframeOn(LocalDate today) {
            if (period != null && period.every() != null && period.anchor() != null) {
                Recurrence.Period p = period.recurrence().containing(today);
                return new Timeframe(p.start(), p.end());
            }
            return timeframe;
        }

        /** A baseline equal to the target leaves nothing to track along the way. */
        boolean baselineLooksWrong() {
            Double value = target.resolvedValue(aggregation() == null ? Aggregation.LAST : aggregation());
            return target.baseline() != null && value != null && target.baseline().equals(value) && target.operator() != Operator.BETWEEN;
        }
    }

    /** Who owns something, as the platform names it everywhere (objectives-service gives objectives the same owners). */
    @Schema(name = "OwnerType")
    public enum OwnerType {
        COMPANY, UNIT, PERSON
    }

    @Schema(name = "KpiOwner", description = "Who answers for a KPI: a person (PERSON and their user id)")
    public record Owner(@NotNull @Schema(example = "PERSON") OwnerType type,
            @NotBlank @Size(max = 200) @Schema(example = "maria") String id) {

        public static Owner person(String id) {
            return new Owner(OwnerType.PERSON, id);
        }
    }

    @Schema(name = "KpiTargetRequest", description = "The target as a value (value: 3), or as a change from the baseline (change: -2 with "
            + "baseline: 5 is the target 3): one of the two")
    public record TargetBody(
            @NotNull @Schema(example = "AT_LEAST") Operator operator,
            @Schema(description = "The value to reach (or hold); leave it out when giving change", example = "20") Double value,
            @Schema(nullable = true, description = "For BETWEEN: the upper end of the band") Double upperValue,
            @Schema(nullable = true, description = "Where the KPI starts; with one, the target is a trajectory (SUM and COUNT start at 0)") Double baseline,
            @Schema(nullable = true, description = "The target as a change from the baseline, e.g. -2 to reduce by 2 (not for BETWEEN)",
                    example = "-2") Double change) {

        /** The target's value: as given, or the baseline in force (0 for SUM and COUNT without one) moved by the change. */
        public Double resolvedValue(Aggregation aggregation) {
            if (value != null || change == null) {
                return value;
            }
            Double from = baseline != null ? baseline : aggregation != null && aggregation.accumulates() ? Double.valueOf(0) : null;
            return from == null ? null : BigDecimal.valueOf(from).add(BigDecimal.valueOf(change)).doubleValue();
        }
    }

    @Schema(name = "KpiPeriodRequest", description = "A recurring KPI's periods: a month, a quarter or a year, counted from the anchor day")
    public record PeriodRequest(@NotNull @Schema(example = "QUARTER") Recurrence.Every every,
            @NotNull @Schema(description = "The first day of one of its periods", example = "2026-01-01") LocalDate anchor) {

        Recurrence recurrence() {
            return new Recurrence(every, anchor);
        }
    }

    @Schema(name = "KpiPeriod", description = "A recurring KPI's periods")
    public record PeriodView(Recurrence.Every every, LocalDate anchor) {
    }

    @Schema(name = "KpiPeriodResult", description = "One period of a recurring KPI: its target, and its value and status (final once it ended)")
    public record PeriodResult(LocalDate start, @Schema(description = "The last day, included") LocalDate end, boolean current,
            TargetView target, @Schema(nullable = true) Double value, KpiStatus status, String statusReason) {
    }

    @Schema(name = "KpiTimeframe")
    public record Timeframe(@NotNull @Schema(example = "2026-10-01") LocalDate start,
            @NotNull @Schema(example = "2026-12-31", description = "The last day, included") LocalDate end) {
    }

    @Schema(name = "KpiDataSourceRequest")
    public record DataSource(
            @NotNull @Schema(example = "INTEGRATION") Kpi.SourceType type,
            @Size(max = 100) @Schema(nullable = true, description = "For INTEGRATION: the system, e.g. a CRM", example = "Salesforce") String system,
            @Size(max = 1000) @Schema(nullable = true, description = "For FORMULA: an expression over other KPIs' keys", example = "spend / leads") String formula) {
    }

    @Schema(name = "KpiTarget", description = "The measurable target: an operator, a value (and upper value for BETWEEN), a baseline")
    public record TargetView(Operator operator, double value, @Schema(nullable = true) Double upperValue,
            @Schema(nullable = true, description = "Where the KPI starts; with one, the target is a trajectory") Double baseline,
            @Schema(nullable = true, description = "The target as a change from the baseline (value − baseline); null without a baseline "
                    + "and for BETWEEN", example = "-2") Double change) {

        static TargetView of(Operator operator, double value, Double upperValue, Double baseline) {
            Double change = baseline == null || operator == Operator.BETWEEN ? null
                    : BigDecimal.valueOf(value).subtract(BigDecimal.valueOf(baseline)).doubleValue();
            return new TargetView(operator, value, upperValue, baseline, change);
        }
    }

    @Schema(name = "KpiWarning", description = "Something about the definition worth knowing; it never blocks a change")
    public record Warning(@Schema(example = "NO_BASELINE") Code code, String message) {

        @Schema(name = "KpiWarningCode")
        public enum Code {
            NO_BASELINE
        }
    }

    @Schema(name = "KpiDataSource", description = "Where the values come from")
    public record DataSourceView(Kpi.SourceType type, @Schema(nullable = true, description = "For INTEGRATION: the system") String system,
            @Schema(nullable = true, description = "For FORMULA: the expression") String formula) {
    }

    @Schema(name = "DimensionStatus")
    public record DimensionStatus(String value, @Schema(nullable = true) Double currentValue, KpiStatus status, String statusReason,
            Instant lastMeasuredAt) {
    }

    @Schema(name = "Kpi")
    public record KpiView(
            UUID id, String key, String name, @Schema(nullable = true) String description, String unit, TargetView target,
            @Schema(description = "The days it is judged over: for a recurring KPI, its current period") Timeframe timeframe,
            @Schema(nullable = true, description = "For a recurring KPI: its periods (GET …/periods lists them)") PeriodView period,
            DataSourceView dataSource, Frequency frequency, Aggregation aggregation, @Schema(nullable = true) String groupBy, double atRiskBand,
            @Schema(nullable = true) Owner owner, List<String> tags,
            @Schema(nullable = true, example = "14") Double currentValue,
            KpiStatus status,
            @Schema(example = "14 leads so far, 11 leads expected by today: ahead of pace") String statusReason,
            @Schema(nullable = true, description = "Per value of groupBy, for a grouped KPI") List<DimensionStatus> statusByDimension,
            @Schema(nullable = true) Instant lastMeasuredAt, boolean archived, long version, Instant createdAt, Instant updatedAt,
            @Schema(description = "What is worth knowing about the definition (a target judged as a threshold for want of a baseline)")
            List<Warning> warnings) {
    }

    @Schema(name = "StatusChange")
    public record StatusChange(KpiStatus status, String reason, @Schema(nullable = true) Double value, Instant changedAt) {
    }
}

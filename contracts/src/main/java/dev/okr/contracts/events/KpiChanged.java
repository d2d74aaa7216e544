package dev.okr.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The data of kpi-service's events on {@code okr.kpis.v1} (key: the KPI's id): a KPI's state after the change, and
 * the status it had before. Consumers upsert it and ignore an event whose {@code version} is not newer than what
 * they hold; unknown fields are ignored, so a producer may add fields without breaking consumers.
 *
 * @param status         ON_TRACK, AT_RISK, OFF_TRACK or NO_DATA
 * @param previousStatus the status before this change; null for a new KPI (and in events written before it existed)
 * @param periodEvery    for a recurring KPI, MONTH, QUARTER or YEAR; null for a KPI with one time frame
 * @param periodStart    the first day of the time frame the value is about (a recurring KPI's current period)
 * @param periodEnd      its last day
 * @param aggregation    how measurements become the value: LAST, SUM, COUNT, AVG, MIN or MAX (SUM and COUNT start each
 *                       period at 0); null in events written before it existed
 * @param history        when values were pushed, corrected or withdrawn for past days: the KPI's value at the last
 *                       observation of each day from {@code historyFrom} on that still has measurements, oldest first;
 *                       null otherwise
 * @param historyFrom    the start of the earliest of those days: what consumers held of the KPI from then on is
 *                       replaced by {@code history} (a withdrawn value's day is no longer in it); null when no past day
 *                       changed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KpiChanged(
        UUID id,
        UUID organisationId,
        String key,
        String name,
        String unit,
        Target target,
        Double currentValue,
        String status,
        String previousStatus,
        Instant lastMeasuredAt,
        boolean archived,
        long version,
        String periodEvery,
        LocalDate periodStart,
        LocalDate periodEnd,
        String aggregation,
        List<Observed> history,
        Instant historyFrom) {

    public static final String TYPE_PREFIX = "dev.okr.kpi.";
    public static final String CREATED = TYPE_PREFIX + "created";
    public static final String UPDATED = TYPE_PREFIX + "updated";
    public static final String MEASURED = TYPE_PREFIX + "measured";
    public static final String ARCHIVED = TYPE_PREFIX + "archived";
    /** A recurring KPI moved into its next period: its value and status start again from that period's measurements. */
    public static final String PERIOD_STARTED = TYPE_PREFIX + "period-started";

    /**
     * Whether the KPI's values of this event are about days of [{@code start}, {@code end}]: always for a KPI with one time
     * frame (and for events written before periods existed), else when its current period overlaps them.
     */
    public boolean concerns(LocalDate start, LocalDate end) {
        return periodEvery == null || periodStart == null || periodEnd == null
                || !periodStart.isAfter(end) && !periodEnd.isBefore(start);
    }

    /** The measurable target: {@code operator} AT_LEAST | AT_MOST | BETWEEN, a value (and upper value), a baseline. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Target(String operator, double value, Double upperValue, Double baseline) {
    }

    /** The KPI's value as of an observation (a day's last). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Observed(Instant at, Double value) {
    }

    /** Whether this change moved the KPI to another status. */
    public boolean statusChanged() {
        return previousStatus != null && !previousStatus.equals(status);
    }
}

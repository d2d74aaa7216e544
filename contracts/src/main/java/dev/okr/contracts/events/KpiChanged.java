package dev.okr.contracts.events;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The data of kpi-service's events on {@code okr.kpis.v1} (key: the KPI's id): a KPI's state after the change, and
 * the status it had before. Consumers upsert it and ignore an event whose {@code version} is not newer than what
 * they hold; unknown fields are ignored, so a producer may add fields without breaking consumers.
 *
 * @param status         ON_TRACK, AT_RISK, OFF_TRACK or NO_DATA
 * @param previousStatus the status before this change; null for a new KPI (and in events written before it existed)
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
        long version) {

    public static final String TYPE_PREFIX = "dev.okr.kpi.";
    public static final String CREATED = TYPE_PREFIX + "created";
    public static final String UPDATED = TYPE_PREFIX + "updated";
    public static final String MEASURED = TYPE_PREFIX + "measured";
    public static final String ARCHIVED = TYPE_PREFIX + "archived";

    /** The measurable target: {@code operator} AT_LEAST | AT_MOST | BETWEEN, a value (and upper value), a baseline. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Target(String operator, double value, Double upperValue, Double baseline) {
    }

    /** Whether this change moved the KPI to another status. */
    public boolean statusChanged() {
        return previousStatus != null && !previousStatus.equals(status);
    }
}

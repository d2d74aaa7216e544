package dev.okr.platform.events.contracts;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The data of kpi-service's events on {@code okr.kpis.v1} ({@code dev.okr.kpi.created}, {@code .updated},
 * {@code .measured}, {@code .archived}): a KPI's state after the change. Consumers upsert it and ignore
 * an event whose {@code version} is not newer than what they hold. Unknown fields are ignored, so the
 * producer may add fields without breaking consumers.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KpiState(
        UUID id,
        UUID organisationId,
        String key,
        String name,
        String unit,
        Target target,
        Double currentValue,
        String status,
        Instant lastMeasuredAt,
        boolean archived,
        long version) {

    public static final String TYPE_PREFIX = "dev.okr.kpi.";

    /** The measurable target: {@code operator} AT_LEAST | AT_MOST | BETWEEN, a value (and upper value), a baseline. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Target(String operator, double value, Double upperValue, Double baseline) {
    }
}

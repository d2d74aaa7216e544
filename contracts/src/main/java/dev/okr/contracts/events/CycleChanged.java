package dev.okr.contracts.events;

import java.time.LocalDate;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The data of objectives-service's cycle events on {@code okr.objectives.v1} (key: the cycle's id).
 *
 * @param status OPEN or CLOSED
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CycleChanged(UUID id, UUID organisationId, String name, LocalDate startDate, LocalDate endDate, String status,
        long version) {

    public static final String TYPE_PREFIX = "dev.okr.cycle.";
    public static final String CREATED = TYPE_PREFIX + "created";
    public static final String UPDATED = TYPE_PREFIX + "updated";
    public static final String CLOSED = TYPE_PREFIX + "closed";
}

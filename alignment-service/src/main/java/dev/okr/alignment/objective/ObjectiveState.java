package dev.okr.alignment.objective;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The part of objectives-service's objective events ({@code dev.okr.objective.*} on okr.objectives.v1)
 * this service reads. {@code progress} is the objective's own progress only when it has key results;
 * without them it is the roll-up this service computed, which must not count twice.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ObjectiveState(UUID id, UUID cycleId, String title, Owner owner, String status, double progress, String health,
        List<Object> keyResults, long version) {

    public static final String TYPE_PREFIX = "dev.okr.objective.";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Owner(String type, String id) {
    }

    public Double ownProgress() {
        return keyResults == null || keyResults.isEmpty() ? null : progress;
    }
}

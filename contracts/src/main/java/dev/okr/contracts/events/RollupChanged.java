package dev.okr.contracts.events;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The data of alignment-service's {@code dev.okr.rollup.changed} events on {@code okr.alignment.v1} (key: the
 * objective's id): an objective's roll-up progress — its own progress and its aligned children's, weighted
 * (DESIGN.md §2) — after a change anywhere below it. {@code version} grows with each change of that objective's
 * roll-up; consumers ignore anything not newer than what they hold.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RollupChanged(UUID objectiveId, UUID organisationId, double rollupProgress, int alignedChildren, long version) {

    public static final String TYPE_PREFIX = "dev.okr.rollup.";
    public static final String TYPE = TYPE_PREFIX + "changed";
}

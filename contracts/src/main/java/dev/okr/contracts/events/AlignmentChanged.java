package dev.okr.contracts.events;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The data of alignment-service's {@code dev.okr.alignment.aligned} events on {@code okr.alignment.v1} (key: the
 * objective's id): the parents an objective is aligned to now, each with its contribution weight.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlignmentChanged(UUID objectiveId, UUID organisationId, List<Parent> parents) {

    public static final String TYPE_PREFIX = "dev.okr.alignment.";
    public static final String TYPE = TYPE_PREFIX + "aligned";

    public AlignmentChanged {
        parents = parents == null ? List.of() : List.copyOf(parents);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Parent(UUID parentId, double weight) {
    }
}

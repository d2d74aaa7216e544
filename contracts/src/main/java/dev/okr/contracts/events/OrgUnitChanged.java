package dev.okr.contracts.events;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The data of alignment-service's org unit events on {@code okr.alignment.v1} (key: the unit's id): a unit after the
 * change, with its members, so that others can tell who may give it objectives. Newest {@code version} wins.
 *
 * @param type COMPANY, DEPARTMENT or TEAM
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrgUnitChanged(UUID id, UUID organisationId, UUID parentId, String type, String name, String leadId,
        List<String> members, boolean archived, long version) {

    public static final String TYPE_PREFIX = "dev.okr.orgunit.";
    public static final String CREATED = TYPE_PREFIX + "created";
    public static final String UPDATED = TYPE_PREFIX + "updated";
    public static final String ARCHIVED = TYPE_PREFIX + "archived";

    public OrgUnitChanged {
        members = members == null ? List.of() : List.copyOf(members);
    }
}

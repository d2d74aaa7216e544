package dev.okr.platform.audit;

import java.util.Set;

import dev.okr.platform.caller.Caller;

/**
 * Who made a change: a person (their subject) or an integration (its key's id), with the role they acted in.
 *
 * @param type PERSON or INTEGRATION
 * @param id   a person's subject, or an integration key's id
 * @param name how to show them: the subject again, or the integration's name
 * @param role admin, member or integration
 */
public record Actor(String type, String id, String name, String role) {

    public static final String PERSON = "PERSON";
    public static final String INTEGRATION = "INTEGRATION";
    /** The role an integration's API key acts in (kpi-service's key authentication). */
    public static final String INTEGRATION_ROLE = "integration";
    /** The prefix of an integration's subject: {@code integration:<name>}. */
    private static final String INTEGRATION_PREFIX = "integration:";

    /**
     * The actor a caller is; {@code integrationId} names the key of an integration's call (null for a person: only an API
     * key's identity makes an integration, never a token's role).
     */
    public static Actor of(Caller caller, String integrationId) {
        Set<String> roles = caller.roles();
        if (integrationId != null) {
            String name = caller.subject().startsWith(INTEGRATION_PREFIX) ? caller.subject().substring(INTEGRATION_PREFIX.length())
                    : caller.subject();
            return new Actor(INTEGRATION, integrationId, name, INTEGRATION_ROLE);
        }
        String role = roles.contains(Caller.ADMIN) ? Caller.ADMIN : roles.contains(Caller.MEMBER) ? Caller.MEMBER : Caller.VIEWER;
        return new Actor(PERSON, caller.subject(), caller.subject(), role);
    }
}

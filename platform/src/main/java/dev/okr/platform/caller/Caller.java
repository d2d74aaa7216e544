package dev.okr.platform.caller;

import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: the organisation every row they touch belongs to, their user id and their roles.
 * Always taken from the verified token, never from a body or a path.
 */
public record Caller(UUID organisationId, String subject, Set<String> roles) {

    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";
    public static final String VIEWER = "viewer";

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }

    public boolean canWrite() {
        return roles.contains(ADMIN) || roles.contains(MEMBER);
    }
}

package dev.okr.platform.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An entry as a service answers it. {@code cursor} is the position after it, by which the gateway pages through the
 * services' entries merged; it leaves it out of its own answer.
 */
public record AuditView(UUID id, Instant at, String service, Actor actor, String action, String resourceType, String resourceId,
        String parentId, List<AuditChange> changes, String requestId, String cursor) {
}

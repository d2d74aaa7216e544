package dev.okr.platform.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.web.Cursor;
import dev.okr.platform.web.Page;
import io.quarkus.arc.Arc;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The audit trail: every change a person or an integration makes is written to {@code audit_entry} in the same
 * transaction as the change (so one never lands without the other), and read back newest first. Changes no one made
 * (an event followed, the health sweep) are not recorded: {@link #currentActor()} is null for them.
 */
@ApplicationScoped
public class AuditTrail {

    /** The identity attribute by which kpi-service's API-key authentication names the integration's key. */
    public static final String INTEGRATION_ATTRIBUTE = "okr.integration.id";

    private static final String COLUMNS = "id, organisation_id, at, actor_type, actor_id, actor_name, actor_role, action, "
            + "resource_type, resource_id, parent_id, changes, request_id";
    private static final TypeReference<List<AuditChange>> CHANGES = new TypeReference<>() {
    };

    /** A change to record. {@code parentId}: the resource it belongs to (a key result's objective), or null. */
    public record Entry(UUID organisationId, Instant at, Actor actor, String action, String resourceType, String resourceId,
            String parentId, List<AuditChange> changes) {
    }

    /** What to read: a resource (and what belongs to it), an actor, a time range [from, to); each optional. */
    public record Filter(String resourceId, String actorId, Instant from, Instant to) {
    }

    private final ObjectMapper json;
    private final Instance<CurrentCaller> callers;
    private final Instance<SecurityIdentity> identities;
    private final Instance<CurrentVertxRequest> requests;
    private final String service;

    public AuditTrail(ObjectMapper json, Instance<CurrentCaller> callers, Instance<SecurityIdentity> identities,
            Instance<CurrentVertxRequest> requests, @ConfigProperty(name = "quarkus.application.name") String service) {
        this.json = json;
        this.callers = callers;
        this.identities = identities;
        this.requests = requests;
        this.service = service;
    }

    /** The person or integration behind the current request; null outside a request or without an authenticated caller. */
    public Actor currentActor() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        try {
            SecurityIdentity identity = identities.get();
            if (identity.isAnonymous()) {
                return null;
            }
            Caller caller = callers.get().get();
            Object integration = identity.getAttribute(INTEGRATION_ATTRIBUTE);
            return Actor.of(caller, integration == null ? null : integration.toString());
        } catch (RuntimeException e) {
            return null; // no caller to name (a request the service makes to itself, a test calling a bean directly)
        }
    }

    /**
     * Records the entry in the current Hibernate session's transaction; nothing without an actor or a change. (The changes
     * go as text cast to jsonb: a string bound to a jsonb parameter would be stored as one JSON string.)
     */
    public Uni<Void> record(Entry entry) {
        if (entry.actor() == null || entry.changes().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String requestId = requestId();
        return Panache.getSession().chain(session -> session.createNativeQuery("insert into audit_entry (" + COLUMNS + ") values "
                + "(:id, :org, :at, :actorType, :actorId, :actorName, :actorRole, :action, :type, :resource, :parent, "
                + "cast(cast(:changes as text) as jsonb), :request)")
                .setParameter("id", UUID.randomUUID()).setParameter("org", entry.organisationId()).setParameter("at", entry.at())
                .setParameter("actorType", entry.actor().type()).setParameter("actorId", entry.actor().id())
                .setParameter("actorName", entry.actor().name()).setParameter("actorRole", entry.actor().role())
                .setParameter("action", entry.action()).setParameter("type", entry.resourceType())
                .setParameter("resource", entry.resourceId()).setParameter("parent", entry.parentId())
                .setParameter("changes", encode(entry.changes())).setParameter("request", requestId)
                .executeUpdate()).replaceWithVoid();
    }

    /** The same on a reactive SQL connection, inside the transaction it is in (code that does not use Hibernate). */
    public Uni<Void> record(SqlConnection connection, Entry entry) {
        return record(connection, List.of(entry));
    }

    /** Several entries in one round trip, on a reactive SQL connection inside its transaction. */
    public Uni<Void> record(SqlConnection connection, List<Entry> entries) {
        List<Tuple> rows = new ArrayList<>();
        String requestId = requestId();
        for (Entry entry : entries) {
            if (entry.actor() == null || entry.changes().isEmpty()) {
                continue;
            }
            rows.add(Tuple.tuple().addValue(UUID.randomUUID()).addValue(entry.organisationId())
                    .addValue(entry.at().atOffset(ZoneOffset.UTC)).addValue(entry.actor().type()).addValue(entry.actor().id())
                    .addValue(entry.actor().name()).addValue(entry.actor().role()).addValue(entry.action())
                    .addValue(entry.resourceType()).addValue(entry.resourceId()).addValue(entry.parentId())
                    .addValue(encode(entry.changes())).addValue(requestId));
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("insert into audit_entry (" + COLUMNS + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                + "$11, $12::text::jsonb, $13)").executeBatch(rows).replaceWithVoid();
    }

    /** The organisation's entries matching the filter, newest first, after the cursor. */
    public Uni<Page<AuditView>> read(UUID organisationId, Filter filter, Cursor before, int limit) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery("select " + COLUMNS.replace("changes", "changes::text")
                + " from audit_entry where organisation_id = :org"
                + " and (cast(:resource as text) is null or resource_id = cast(:resource as text) or parent_id = cast(:resource as text))"
                + " and (cast(:actor as text) is null or actor_id = cast(:actor as text))"
                + " and (cast(cast(:from as text) as timestamptz) is null or at >= cast(cast(:from as text) as timestamptz))"
                + " and (cast(cast(:to as text) as timestamptz) is null or at < cast(cast(:to as text) as timestamptz))"
                + " and (cast(cast(:beforeAt as text) as timestamptz) is null or at < cast(cast(:beforeAt as text) as timestamptz)"
                + " or (at = cast(cast(:beforeAt as text) as timestamptz) and id < cast(cast(:beforeId as text) as uuid)))"
                + " order by at desc, id desc limit :limit", Object[].class)
                .setParameter("org", organisationId).setParameter("resource", filter.resourceId())
                .setParameter("actor", filter.actorId())
                .setParameter("from", filter.from() == null ? null : filter.from().toString())
                .setParameter("to", filter.to() == null ? null : filter.to().toString())
                .setParameter("beforeAt", before == null ? null : before.createdAt().toString())
                .setParameter("beforeId", before == null ? null : before.id().toString())
                .setParameter("limit", limit + 1)
                .getResultList()))
                .map(rows -> Page.of(rows, limit, r -> new Cursor(instant(r[2]), (UUID) r[0]), this::view));
    }

    private AuditView view(Object[] r) {
        Instant at = instant(r[2]);
        List<AuditChange> changes;
        try {
            changes = json.readValue(r[11].toString(), CHANGES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit entry " + r[0] + " holds changes that are not JSON", e);
        }
        return new AuditView((UUID) r[0], at, service, new Actor((String) r[3], (String) r[4], (String) r[5], (String) r[6]),
                (String) r[7], (String) r[8], (String) r[9], (String) r[10], changes, (String) r[12],
                new Cursor(at, (UUID) r[0]).encode());
    }

    private String encode(List<AuditChange> changes) {
        try {
            return json.writeValueAsString(changes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit entry could not be written as JSON", e);
        }
    }

    private String requestId() {
        if (!Arc.container().requestContext().isActive()) {
            return null;
        }
        try {
            var request = requests.get().getCurrent();
            return request == null ? null : request.request().getHeader("X-Request-Id");
        } catch (RuntimeException e) {
            return null;
        }
    }

    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return Instant.parse(value.toString());
    }
}

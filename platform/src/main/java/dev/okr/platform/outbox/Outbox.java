package dev.okr.platform.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.okr.platform.events.CloudEvent;
import dev.okr.platform.events.CloudEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records an event in the current transaction. Call it from a {@code @WithTransaction} method, after
 * the change: if the transaction rolls back the event never existed; if it commits, {@link OutboxRelay}
 * publishes it. Never publish to Kafka directly from a write path.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "insert into outbox_event (id, topic, message_key, payload) "
            + "values (:id, :topic, :key, :payload)";

    private final CloudEvents events;
    private final ObjectMapper json;
    private final OutboxConfig config;

    public Outbox(CloudEvents events, ObjectMapper json, OutboxConfig config) {
        this.events = events;
        this.json = json;
        this.config = config;
    }

    /**
     * @param topic          one of {@link dev.okr.contracts.Topics}
     * @param type           the CloudEvents type, e.g. {@code dev.okr.objective.updated}
     * @param organisationId the organisation the aggregate belongs to
     * @param aggregateId    the aggregate's id: the event's subject and Kafka key
     * @param data           the aggregate's state after the change, with its {@code version}
     */
    public Uni<CloudEvent> record(String topic, String type, UUID organisationId, Object aggregateId, Object data) {
        CloudEvent event = event(type, organisationId, aggregateId, data);
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter("id", UUID.fromString(event.id()))
                        .setParameter("topic", topic)
                        .setParameter("key", event.subject())
                        .setParameter("payload", events.encode(event))
                        .executeUpdate())
                .replaceWith(event);
    }

    /**
     * The same, for code that works on a reactive SQL connection rather than a Hibernate session (bulk
     * paths): the row is written on {@code connection}, inside the transaction it is in.
     */
    public Uni<CloudEvent> record(SqlConnection connection, String topic, String type, UUID organisationId,
            Object aggregateId, Object data) {
        CloudEvent event = event(type, organisationId, aggregateId, data);
        return connection.preparedQuery("insert into outbox_event (id, topic, message_key, payload) values ($1, $2, $3, $4)")
                .execute(Tuple.of(UUID.fromString(event.id()), topic, event.subject(), events.encode(event)))
                .replaceWith(event);
    }

    private CloudEvent event(String type, UUID organisationId, Object aggregateId, Object data) {
        return new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), type,
                config.source(), String.valueOf(aggregateId), Instant.now(), "application/json",
                organisationId == null ? null : organisationId.toString(), json.valueToTree(data));
    }
}

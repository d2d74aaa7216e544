package dev.okr.platform.inbox;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.platform.events.CloudEvent;
import dev.okr.platform.events.CloudEvents;
import dev.okr.platform.events.PoisonEventException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Applies an event at most once per consumer. The event id is recorded in {@code processed_event} in
 * the same transaction as the effect: a redelivered event finds its id and changes nothing, and an
 * effect that fails rolls back with its id, so it is tried again.
 *
 * <p>Use it from an {@code @Incoming} method returning {@code Uni<Void>}:
 * <pre>{@code
 * @Incoming("kpi-events")
 * Uni<Void> onKpiEvent(String value) {
 *     return consumer.apply("objectives", value, event -> keyResults.followKpi(event));
 * }
 * }</pre>
 * A value that is not a CloudEvent fails with {@link PoisonEventException}, which the channel's
 * {@code failure-strategy=dead-letter-queue} sends to its dead-letter topic. Any other failure (the
 * database away, a lock timeout) is retried with a growing pause, keeping the partition's order.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final String MARK = "insert into processed_event (consumer, event_id) values (:consumer, :id) "
            + "on conflict do nothing";

    private final CloudEvents events;

    public IdempotentConsumer(CloudEvents events) {
        this.events = events;
    }

    public Uni<Void> apply(String consumer, String recordValue, Function<CloudEvent, Uni<?>> effect) {
        return apply(consumer, recordValue, event -> true, effect);
    }

    /**
     * As {@link #apply(String, String, Function)}, but an event {@code wanted} declines is acknowledged as it is:
     * no transaction, nothing recorded — for events a consumer knows it has nothing to do with, which it would
     * decline again if it ever saw them again.
     */
    public Uni<Void> apply(String consumer, String recordValue, Predicate<CloudEvent> wanted, Function<CloudEvent, Uni<?>> effect) {
        CloudEvent event;
        try {
            event = events.decode(recordValue);
        } catch (PoisonEventException e) {
            Log.errorf("Consumer %s received an undecodable record; sending it to the dead-letter topic: %s",
                    consumer, e.getMessage());
            return Uni.createFrom().failure(e);
        }
        boolean declined;
        try {
            declined = !wanted.test(event);
        } catch (RuntimeException e) {
            declined = false; // what the event holds is for the effect to judge (and refuse)
        }
        if (declined) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() -> once(consumer, event, effect)))
                .onFailure(failure -> !(failure instanceof PoisonEventException))
                .invoke(failure -> Log.warnf("Consumer %s could not apply event %s (%s), retrying: %s",
                        consumer, event.id(), event.type(), failure.toString()))
                .onFailure(failure -> !(failure instanceof PoisonEventException))
                .retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(10)).indefinitely()
                .replaceWithVoid();
    }

    /** Within the caller's transaction: runs {@code effect} if this consumer has not processed the event. */
    public Uni<Boolean> once(String consumer, CloudEvent event, Function<CloudEvent, Uni<?>> effect) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(MARK)
                        .setParameter("consumer", consumer)
                        .setParameter("id", event.id())
                        .executeUpdate())
                .chain(inserted -> inserted == 1
                        ? effect.apply(event).replaceWith(Boolean.TRUE)
                        : Uni.createFrom().item(Boolean.FALSE));
    }
}

package dev.okr.platform.testapp;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.okr.platform.inbox.IdempotentConsumer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Counts how often each note's events were applied: exactly once each, whatever the redeliveries. */
@ApplicationScoped
public class NoteEvents {

    private final IdempotentConsumer consumer;

    public NoteEvents(IdempotentConsumer consumer) {
        this.consumer = consumer;
    }

    @Incoming("notes-in")
    public Uni<Void> onNoteEvent(String value) {
        return consumer.apply("platform-test", value, event -> Panache.getSession()
                .chain(s -> s.createNativeQuery("insert into note_tally (note_id, applied) values (:id, 1) "
                        + "on conflict (note_id) do update set applied = note_tally.applied + 1")
                        .setParameter("id", UUID.fromString(event.subject()))
                        .executeUpdate()));
    }
}

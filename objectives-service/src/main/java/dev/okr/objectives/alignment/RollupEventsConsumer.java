package dev.okr.objectives.alignment;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.okr.objectives.objective.ObjectiveService;
import dev.okr.platform.events.CloudEvent;
import dev.okr.platform.events.CloudEvents;
import dev.okr.platform.events.contracts.RollupState;
import dev.okr.platform.inbox.IdempotentConsumer;
import io.smallrye.mutiny.Uni;

/**
 * Follows alignment-service's roll-ups: an objective shows the roll-up of the objectives aligned under
 * it, and one without key results takes it as its progress. Once per event, newest version only.
 */
@ApplicationScoped
public class RollupEventsConsumer {

    static final String CONSUMER = "objectives-service/alignment";

    private final IdempotentConsumer consumer;
    private final CloudEvents events;
    private final ObjectiveService objectives;

    public RollupEventsConsumer(IdempotentConsumer consumer, CloudEvents events, ObjectiveService objectives) {
        this.consumer = consumer;
        this.events = events;
        this.objectives = objectives;
    }

    @Incoming("alignment-events")
    public Uni<Void> onAlignmentEvent(String value) {
        return consumer.apply(CONSUMER, value, this::apply);
    }

    Uni<Void> apply(CloudEvent event) {
        if (!RollupState.TYPE.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        RollupState rollup = events.data(event, RollupState.class);
        return objectives.applyRollup(rollup);
    }
}

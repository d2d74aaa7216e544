package dev.okr.objectives.alignment;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.okr.objectives.objective.ObjectiveService;
import dev.okr.objectives.orgunit.OrgUnits;
import dev.okr.platform.events.CloudEvent;
import dev.okr.platform.events.CloudEvents;
import dev.okr.platform.events.contracts.RollupState;
import dev.okr.platform.inbox.IdempotentConsumer;
import io.smallrye.mutiny.Uni;

/**
 * Follows alignment-service's events: roll-ups (an objective shows the roll-up of the objectives aligned under
 * it, and one without key results takes it as its progress) and org units (who may own objectives). Once per
 * event, newest version only.
 */
@ApplicationScoped
public class RollupEventsConsumer {

    static final String CONSUMER = "objectives-service/alignment";

    private final IdempotentConsumer consumer;
    private final CloudEvents events;
    private final ObjectiveService objectives;
    private final OrgUnits units;

    public RollupEventsConsumer(IdempotentConsumer consumer, CloudEvents events, ObjectiveService objectives, OrgUnits units) {
        this.consumer = consumer;
        this.events = events;
        this.objectives = objectives;
        this.units = units;
    }

    @Incoming("alignment-events")
    public Uni<Void> onAlignmentEvent(String value) {
        return consumer.apply(CONSUMER, value, this::apply);
    }

    Uni<Void> apply(CloudEvent event) {
        if (event.type().startsWith(OrgUnits.EVENT_PREFIX)) {
            return units.apply(events.data(event, OrgUnits.UnitEvent.class));
        }
        if (!RollupState.TYPE.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        RollupState rollup = events.data(event, RollupState.class);
        return objectives.applyRollup(rollup);
    }
}

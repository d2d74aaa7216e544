package dev.okr.objectives.alignment;

import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.okr.contracts.events.ObjectiveChanged;
import dev.okr.contracts.events.OrgUnitChanged;
import dev.okr.contracts.events.RollupChanged;
import dev.okr.objectives.objective.Objective;
import dev.okr.objectives.objective.ObjectiveRepository;
import dev.okr.objectives.objective.Objectives;
import dev.okr.objectives.orgunit.OrgUnits;
import dev.okr.platform.events.CloudEvent;
import dev.okr.platform.events.CloudEvents;
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
    private final Objectives objectives;
    private final ObjectiveRepository repository;
    private final OrgUnits units;

    public RollupEventsConsumer(IdempotentConsumer consumer, CloudEvents events, Objectives objectives,
            ObjectiveRepository repository, OrgUnits units) {
        this.consumer = consumer;
        this.events = events;
        this.objectives = objectives;
        this.repository = repository;
        this.units = units;
    }

    @Incoming("alignment-events")
    public Uni<Void> onAlignmentEvent(String value) {
        return consumer.apply(CONSUMER, value, this::apply);
    }

    Uni<Void> apply(CloudEvent event) {
        if (event.type().startsWith(OrgUnitChanged.TYPE_PREFIX)) {
            return units.apply(events.data(event, OrgUnitChanged.class));
        }
        if (!RollupChanged.TYPE.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        return applyRollup(events.data(event, RollupChanged.class));
    }

    /**
     * An active objective takes the roll-up unless it holds a newer one; an unknown objective is not this service's. A
     * newer roll-up of the same progress changes nothing the objective shows: only the version held moves (no event).
     */
    private Uni<Void> applyRollup(RollupChanged rollup) {
        return objectives.changeEach(List.of(rollup.objectiveId()), draft -> {
            Objective o = draft.objective();
            if (!o.organisationId.equals(rollup.organisationId()) || !draft.isActive() || o.rollupVersion >= rollup.version()) {
                return Uni.createFrom().nullItem();
            }
            if (Objects.equals(o.rollupProgress, rollup.rollupProgress())) {
                return repository.update("rollupVersion = ?1 where id = ?2", rollup.version(), o.id).replaceWith((String) null);
            }
            o.rollupVersion = rollup.version();
            o.rollupProgress = rollup.rollupProgress();
            return Uni.createFrom().item(ObjectiveChanged.ROLLED_UP);
        }).replaceWithVoid();
    }
}

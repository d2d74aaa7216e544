package dev.okr.objectives.kpi;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.okr.objectives.objective.ObjectiveService;
import dev.okr.platform.events.CloudEvent;
import dev.okr.platform.events.CloudEvents;
import dev.okr.platform.events.contracts.KpiState;
import dev.okr.platform.inbox.IdempotentConsumer;
import io.smallrye.mutiny.Uni;

/**
 * Follows kpi-service: keeps the KPI read model, and moves every KPI_LINKED key result (of active
 * objectives) to its KPI's new value. Each event applies once; an older version than held changes nothing.
 */
@ApplicationScoped
public class KpiEventsConsumer {

    static final String CONSUMER = "objectives-service/kpis";

    private final IdempotentConsumer consumer;
    private final CloudEvents events;
    private final KpiSnapshots snapshots;
    private final ObjectiveService objectives;

    public KpiEventsConsumer(IdempotentConsumer consumer, CloudEvents events, KpiSnapshots snapshots,
            ObjectiveService objectives) {
        this.consumer = consumer;
        this.events = events;
        this.snapshots = snapshots;
        this.objectives = objectives;
    }

    @Incoming("kpi-events")
    public Uni<Void> onKpiEvent(String value) {
        return consumer.apply(CONSUMER, value, this::apply);
    }

    Uni<Void> apply(CloudEvent event) {
        if (event.type() == null || !event.type().startsWith(KpiState.TYPE_PREFIX)) {
            return Uni.createFrom().voidItem();
        }
        KpiState state = events.data(event, KpiState.class);
        return snapshots.apply(state, event.time() != null ? event.time() : java.time.Instant.now())
                .chain(newer -> newer == null || state.currentValue() == null
                        ? Uni.createFrom().voidItem()
                        : objectives.followKpi(state.id(), state.currentValue()));
    }
}

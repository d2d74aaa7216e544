package dev.okr.objectives.kpi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.okr.contracts.events.KpiChanged;
import dev.okr.contracts.events.ObjectiveChanged;
import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.keyresult.KeyResultRepository;
import dev.okr.objectives.objective.Objectives;
import dev.okr.platform.events.CloudEvent;
import dev.okr.platform.events.CloudEvents;
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
    private final KeyResultRepository keyResults;
    private final Objectives objectives;

    public KpiEventsConsumer(IdempotentConsumer consumer, CloudEvents events, KpiSnapshots snapshots,
            KeyResultRepository keyResults, Objectives objectives) {
        this.consumer = consumer;
        this.events = events;
        this.snapshots = snapshots;
        this.keyResults = keyResults;
        this.objectives = objectives;
    }

    @Incoming("kpi-events")
    public Uni<Void> onKpiEvent(String value) {
        return consumer.apply(CONSUMER, value, this::apply);
    }

    Uni<Void> apply(CloudEvent event) {
        if (event.type() == null || !event.type().startsWith(KpiChanged.TYPE_PREFIX)) {
            return Uni.createFrom().voidItem();
        }
        KpiChanged state = events.data(event, KpiChanged.class);
        return snapshots.apply(state, event.time() != null ? event.time() : Instant.now())
                .chain(newer -> newer == null ? Uni.createFrom().voidItem() : follow(newer, state));
    }

    /**
     * Moves every key result that follows this KPI (in active objectives) to the KPI's new value (a KPI without
     * one leaves the last), and tells it whether the KPI has gone quiet. A recurring KPI's values move only the key
     * results whose cycle its current period overlaps: last quarter's keep where its period ended.
     */
    private Uni<Void> follow(KpiSnapshot kpi, KpiChanged event) {
        UUID kpiId = kpi.kpiId;
        Double value = kpi.currentValue;
        Instant staleSince = kpi.staleSince();
        return keyResults.objectivesFollowing(kpiId).chain(ids -> objectives.changeEach(ids, draft -> {
            boolean moved = false;
            if (draft.isActive()) {
                for (KeyResult kr : draft.state().keyResults()) {
                    if (!kpiId.equals(kr.kpiId) || !event.concerns(draft.state().cycle().startDate, draft.state().cycle().endDate)) {
                        continue;
                    }
                    Double newValue = value != null ? value : kr.currentValue;
                    // a KPI never measured is quiet since it was first said to be, not since its latest event
                    Instant since = staleSince != null && kpi.lastMeasuredAt == null && kr.kpiStaleSince != null
                            ? kr.kpiStaleSince : staleSince;
                    if (event.historyFrom() != null) {
                        // past days judged again: the key result's history from then takes the values where they were observed
                        draft.observed(kr, event.historyFrom(), event.history() == null ? List.of() : event.history());
                    }
                    if (!Objects.equals(kr.currentValue, newValue) || !Objects.equals(kr.kpiStaleSince, since)
                            || !Objects.equals(kr.kpiName, kpi.name) || draft.hasObserved(kr)) {
                        if (!Objects.equals(kr.currentValue, newValue) && kpi.lastMeasuredAt != null) {
                            draft.dated(kr, kpi.lastMeasuredAt); // the value is as of its latest observation
                        }
                        kr.currentValue = newValue;
                        kr.kpiStaleSince = since;
                        kr.kpiName = kpi.name;
                        kr.updatedAt = draft.now();
                        moved = true;
                        draft.followedKpi();
                    }
                }
            }
            return Uni.createFrom().item(moved ? ObjectiveChanged.UPDATED : null);
        })).replaceWithVoid();
    }
}

package dev.okr.alignment.kpi;

import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.okr.contracts.events.KpiChanged;
import dev.okr.platform.events.CloudEvent;
import dev.okr.platform.events.CloudEvents;
import dev.okr.platform.inbox.IdempotentConsumer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Keeps the KPI read model from okr.kpis.v1: once per event, newest version only. */
@ApplicationScoped
public class KpiEventsConsumer {

    static final String CONSUMER = "alignment-service/kpis";

    private final IdempotentConsumer consumer;
    private final CloudEvents events;
    private final Attachments attachments;

    public KpiEventsConsumer(IdempotentConsumer consumer, CloudEvents events, Attachments attachments) {
        this.consumer = consumer;
        this.events = events;
        this.attachments = attachments;
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
        return Panache.getSession().chain(s -> s.find(KpiNode.class, state.id()).chain(existing -> {
            if (existing != null && existing.version >= state.version()) {
                return Uni.createFrom().voidItem();
            }
            // where the KPI is attached, streams filtered by those units and objectives hear of its new value and status
            boolean moved = existing == null || !Objects.equals(existing.currentValue, state.currentValue())
                    || !Objects.equals(existing.status, state.status());
            KpiNode k = existing != null ? existing : new KpiNode();
            k.id = state.id();
            k.organisationId = state.organisationId();
            k.key = state.key();
            k.name = state.name();
            k.unit = state.unit();
            k.currentValue = state.currentValue();
            k.status = state.status();
            k.archived = state.archived();
            k.version = state.version();
            Uni<Void> saved = existing != null ? Uni.createFrom().voidItem() : s.persist(k).chain(s::flush);
            return moved ? saved.chain(() -> attachments.announce(k.id, false)) : saved;
        }));
    }
}

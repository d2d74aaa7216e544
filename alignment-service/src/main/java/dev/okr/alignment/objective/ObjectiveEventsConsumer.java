package dev.okr.alignment.objective;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.okr.alignment.kpi.Attachments;
import dev.okr.alignment.link.LinkService;
import dev.okr.alignment.rollup.RollupService;
import dev.okr.contracts.events.ObjectiveChanged;
import dev.okr.platform.events.CloudEvent;
import dev.okr.platform.events.CloudEvents;
import dev.okr.platform.inbox.IdempotentConsumer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Keeps the objective read model from okr.objectives.v1 — once per event, and never going back to an
 * older version — and rolls a change of an objective's own progress up through its ancestors.
 */
@ApplicationScoped
public class ObjectiveEventsConsumer {

    static final String CONSUMER = "alignment-service/objectives";

    private final IdempotentConsumer consumer;
    private final CloudEvents events;
    private final RollupService rollups;
    private final LinkService links;
    private final Attachments attachments;

    public ObjectiveEventsConsumer(IdempotentConsumer consumer, CloudEvents events, RollupService rollups, LinkService links,
            Attachments attachments) {
        this.consumer = consumer;
        this.events = events;
        this.rollups = rollups;
        this.links = links;
        this.attachments = attachments;
    }

    @Incoming("objective-events")
    public Uni<Void> onObjectiveEvent(String value) {
        return consumer.apply(CONSUMER, value, this::wanted, this::apply);
    }

    /**
     * Every objective event but the one objectives-service publishes on taking a roll-up this service computed:
     * that one changes nothing held here, unless the objective's health moved with it.
     */
    boolean wanted(CloudEvent event) {
        if (!ObjectiveChanged.ROLLED_UP.equals(event.type())) {
            return true;
        }
        ObjectiveChanged state = events.data(event, ObjectiveChanged.class);
        return !Objects.equals(state.health(), state.previousHealth());
    }

    Uni<Void> apply(CloudEvent event) {
        if (event.type() == null || !event.type().startsWith(ObjectiveChanged.TYPE_PREFIX) || event.orgid() == null) {
            return Uni.createFrom().voidItem();
        }
        ObjectiveChanged state = events.data(event, ObjectiveChanged.class);
        UUID organisationId = UUID.fromString(event.orgid());
        return rollups.lock(organisationId)
                .chain(() -> Panache.getSession().chain(s -> s.find(ObjectiveNode.class, state.id())))
                .chain(existing -> {
                    if (existing != null && existing.version >= state.version()) {
                        return Uni.createFrom().voidItem(); // a redelivery or an older version arriving late
                    }
                    ObjectiveNode node = existing != null ? existing : new ObjectiveNode();
                    boolean progressMoved = existing == null || !Objects.equals(existing.ownProgress, state.ownProgress());
                    // an objective archived (or back) leaves (or joins) its parents' roll-ups
                    boolean statusChanged = existing != null && !existing.status.equals(state.status());
                    node.id = state.id();
                    node.organisationId = organisationId;
                    node.cycleId = state.cycleId();
                    node.title = state.title();
                    node.ownerType = state.owner() == null ? "PERSON" : state.owner().type();
                    node.ownerId = state.owner() == null ? "" : state.owner().id();
                    node.status = state.status();
                    node.health = state.health();
                    node.ownProgress = state.ownProgress();
                    node.version = state.version();
                    node.rolledOverFrom = state.rolledOverFrom();
                    node.updatedAt = event.time() != null ? event.time() : Instant.now();
                    // dated when it became true (a check-in's date, a KPI value's observation), as its history shows it
                    node.effectiveAt = state.effectiveAt() != null ? state.effectiveAt() : node.updatedAt;
                    Uni<Void> saved = existing != null ? Uni.createFrom().voidItem()
                            : Panache.getSession().chain(s -> s.persist(node)).chain(() -> Panache.getSession().chain(s -> s.flush()));
                    if (existing == null && node.rolledOverFrom != null) {
                        // a copy carried into another cycle: aligned as its original was, with its KPIs
                        saved = saved.chain(() -> links.carry(organisationId, node))
                                .chain(() -> attachments.carry(organisationId, node.rolledOverFrom, node.id));
                    }
                    if (!progressMoved && !statusChanged) {
                        return saved;
                    }
                    return saved.chain(() -> rollups.parents(node.id))
                            .chain(parents -> {
                                List<UUID> start = new ArrayList<>(List.of(node.id));
                                if (statusChanged) {
                                    start.addAll(parents);
                                }
                                return rollups.propagate(organisationId, start, node.effectiveAt);
                            }).replaceWithVoid();
                });
    }
}

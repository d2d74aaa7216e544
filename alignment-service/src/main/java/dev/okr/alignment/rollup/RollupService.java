package dev.okr.alignment.rollup;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.alignment.objective.ObjectiveNode;
import dev.okr.contracts.Topics;
import dev.okr.contracts.events.RollupChanged;
import dev.okr.platform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Keeps roll-ups exact and incremental: from the objectives that changed, each roll-up is recomputed from
 * its own progress and its children's stored roll-ups, and each one that changed passes the change on to
 * its parents — only the affected paths, never the whole organisation. Every changed roll-up is published.
 * One organisation's roll-ups change one transaction at a time (an advisory lock), so concurrent
 * consumers, even in two replicas, end with the numbers that applying the changes one by one gives.
 */
@ApplicationScoped
public class RollupService {

    private static final double SAME = 1e-12;

    private final Outbox outbox;
    private final RollupConfig config;
    private final Clock clock;

    public RollupService(Outbox outbox, RollupConfig config, Clock clock) {
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** Takes the organisation's roll-up lock for the current transaction. */
    public Uni<Void> lock(UUID organisationId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:org, 0))")
                .setParameter("org", organisationId.toString()).getSingleResult()).replaceWithVoid();
    }

    /** Recomputes the roll-ups of {@code start} and of every ancestor a change reaches; within the caller's transaction. */
    public Uni<Integer> propagate(UUID organisationId, Collection<UUID> start) {
        return propagate(organisationId, start, clock.instant());
    }

    /** As {@link #propagate(UUID, Collection)}, for a change that became true at {@code at}: the roll-ups it moves too. */
    public Uni<Integer> propagate(UUID organisationId, Collection<UUID> start, Instant at) {
        Deque<UUID> queue = new ArrayDeque<>(start);
        return lock(organisationId).chain(() -> ownWeight(organisationId)).chain(weight -> step(organisationId, weight, queue, 0, at));
    }

    /** The organisation's weight for an objective's own progress: its setting, else the deployment default. */
    public Uni<Double> ownWeight(UUID organisationId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "select own_weight from alignment_settings where organisation_id = :org", Double.class)
                .setParameter("org", organisationId).getSingleResultOrNull())
                .map(w -> w == null ? config.ownWeight() : w);
    }

    /** Recomputes every objective of the organisation that has aligned children (after its settings change). */
    public Uni<Integer> recomputeAll(UUID organisationId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select distinct l.parent_id from alignment_link l "
                + "where l.organisation_id = :org", UUID.class).setParameter("org", organisationId).getResultList())
                .chain(parents -> propagate(organisationId, parents));
    }

    /** One objective of the queue: recompute, and if its roll-up moved, publish it and queue its parents. */
    private Uni<Integer> step(UUID organisationId, double ownWeight, Deque<UUID> queue, int changed, Instant at) {
        if (queue.isEmpty()) {
            return Uni.createFrom().item(changed);
        }
        UUID id = queue.poll();
        return Panache.getSession().chain(s -> s.find(ObjectiveNode.class, id)).chain(node -> {
            if (node == null || !node.organisationId.equals(organisationId)) {
                return step(organisationId, ownWeight, queue, changed, at);
            }
            return children(id).chain(under -> {
                List<Rollups.Child> children = under.children();
                double rollup = Rollups.rollup(node.ownProgress, children, ownWeight);
                if (Math.abs(rollup - node.rollup) <= SAME) {
                    return step(organisationId, ownWeight, queue, changed, at);
                }
                node.rollup = rollup;
                node.rollupVersion++;
                node.updatedAt = clock.instant();
                // true from the change that moved it, but not before the newest link it counts existed
                node.effectiveAt = under.newestLink() != null && under.newestLink().isAfter(at) ? under.newestLink() : at;
                return publish(node, children.size())
                        .chain(() -> parents(id))
                        .chain(parents -> {
                            queue.addAll(parents);
                            return step(organisationId, ownWeight, queue, changed + 1, at);
                        });
            });
        });
    }

    /** The children a roll-up counts, and when the newest of their links was made. */
    private record Under(List<Rollups.Child> children, Instant newestLink) {
    }

    private Uni<Under> children(UUID id) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select n.rollup, l.weight, l.created_at from alignment_link l "
                + "join objective_node n on n.id = l.child_id where l.parent_id = :id and n.status <> 'ARCHIVED'", Object[].class)
                .setParameter("id", id).getResultList())
                .map(rows -> {
                    List<Rollups.Child> children = new ArrayList<>();
                    Instant newest = null;
                    for (Object[] r : rows) {
                        children.add(new Rollups.Child(((Number) r[0]).doubleValue(), ((Number) r[1]).doubleValue()));
                        Instant made = instant(r[2]);
                        newest = newest == null || made.isAfter(newest) ? made : newest;
                    }
                    return new Under(children, newest);
                });
    }

    /** A timestamp as the driver gives it (an offset date-time, an instant, or a time in UTC). */
    private static Instant instant(Object value) {
        return switch (value) {
            case OffsetDateTime t -> t.toInstant();
            case Instant t -> t;
            case LocalDateTime t -> t.toInstant(ZoneOffset.UTC);
            case Timestamp t -> t.toInstant();
            default -> throw new IllegalStateException("not a timestamp: " + value);
        };
    }

    public Uni<List<UUID>> parents(UUID id) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select parent_id from alignment_link where child_id = :id", UUID.class)
                .setParameter("id", id).getResultList());
    }

    private Uni<Void> publish(ObjectiveNode node, int alignedChildren) {
        RollupChanged state = new RollupChanged(node.id, node.organisationId, node.rollup, alignedChildren, node.rollupVersion);
        return Panache.getSession().chain(s -> s.flush())
                .chain(() -> outbox.record(Topics.ALIGNMENT, RollupChanged.TYPE, node.organisationId, node.id, state))
                .replaceWithVoid();
    }
}

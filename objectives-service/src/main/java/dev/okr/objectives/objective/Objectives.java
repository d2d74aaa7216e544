package dev.okr.objectives.objective;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.okr.contracts.Topics;
import dev.okr.contracts.events.ObjectiveChanged;
import dev.okr.objectives.history.ProgressPoints;
import dev.okr.objectives.keyresult.KeyResultRepository;
import dev.okr.objectives.keyresult.KpiLinks;
import dev.okr.objectives.keyresult.MilestoneRepository;
import dev.okr.objectives.objective.ObjectiveApi.ObjectiveView;
import dev.okr.platform.audit.Actor;
import dev.okr.platform.audit.AuditTrail;
import dev.okr.platform.outbox.Outbox;
import dev.okr.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * The Objective aggregate's one write path. Every change of an objective or of its key results (an edit, a
 * check-in, a KPI value, a roll-up, the passage of time, the close of its cycle) goes through {@link #change}:
 * the objective's row is locked, the objective is loaded with its cycle, key results and milestones, the change
 * applies, progress and health are recomputed, everything is stored (with the history it makes and, for a change a person or an
 * integration makes, its audit entries) and the event recorded in the outbox, all in
 * the caller's transaction. Changes of one objective therefore take turns, on any replica; nothing retries.
 * Several objectives are locked in the order of their ids, so two writers never wait for each other in a circle.
 */
@ApplicationScoped
public class Objectives {

    /** A change: edits the draft and answers the event it makes (an {@link ObjectiveChanged} type), or null for none. */
    @FunctionalInterface
    public interface Change {
        Uni<String> apply(Draft draft);
    }

    private final ObjectiveRepository objectives;
    private final KeyResultRepository keyResults;
    private final MilestoneRepository milestones;
    private final ObjectiveStates states;
    private final KpiLinks kpis;
    private final ProgressPoints history;
    private final AuditTrail audit;
    private final Outbox outbox;
    private final Clock clock;

    public Objectives(ObjectiveRepository objectives, KeyResultRepository keyResults, MilestoneRepository milestones,
            ObjectiveStates states, KpiLinks kpis, ProgressPoints history, AuditTrail audit, Outbox outbox, Clock clock) {
        this.objectives = objectives;
        this.keyResults = keyResults;
        this.milestones = milestones;
        this.states = states;
        this.kpis = kpis;
        this.history = history;
        this.audit = audit;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Changes the organisation's objective (a 404 when it has none with this id); answers it after the change. */
    public Uni<ObjectiveView> change(UUID organisationId, UUID id, Change change) {
        Actor actor = audit.currentActor();
        return objectives.find("id = ?1 and organisationId = ?2", id, organisationId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("objective", id))
                .chain(o -> states.loadAll(List.of(o)))
                .chain(loaded -> apply(loaded.get(0), change, actor))
                .map(Applied::view);
    }

    /** Applies one change to each of these objectives (those that no longer exist are skipped); answers how many changed. */
    public Uni<Integer> changeEach(Collection<UUID> ids, Change change) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Actor actor = audit.currentActor();
        return objectives.find("id in ?1 order by id", ids).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                .chain(states::loadAll)
                .chain(loaded -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (ObjectiveState state : loaded) {
                        chain = chain.chain(count -> apply(state, change, actor).map(a -> a.changed() ? count + 1 : count));
                    }
                    return chain;
                });
    }

    /** Stores a new objective built by the caller, after {@code build} added its key results. */
    public Uni<ObjectiveView> create(ObjectiveState fresh, Function<Draft, Uni<?>> build) {
        // the objective's creation is the draft's moment: its key results are created with it, at the same instant
        Instant created = fresh.objective().createdAt != null ? fresh.objective().createdAt : clock.instant();
        return draft(fresh, created, audit.currentActor()).chain(draft -> build.apply(draft).chain(() -> store(draft, ObjectiveChanged.CREATED, true)));
    }

    private record Applied(ObjectiveView view, boolean changed) {
    }

    private Uni<Applied> apply(ObjectiveState state, Change change, Actor actor) {
        return draft(state, clock.instant(), actor).chain(draft -> change.apply(draft).chain(type -> type == null
                ? Uni.createFrom().item(new Applied(draft.scorer().view(state, draft.now()), false))
                : store(draft, type, false).map(view -> new Applied(view, true))));
    }

    private Uni<Draft> draft(ObjectiveState state, Instant now, Actor actor) {
        return states.scorer(state.objective().organisationId).map(scorer -> new Draft(state, now, scorer, kpis, actor));
    }

    /** Recomputes, stores what the change added or dropped, flushes (so the version is final) and records the event. */
    private Uni<ObjectiveView> store(Draft draft, String type, boolean isNew) {
        ObjectiveState state = draft.state();
        Instant now = draft.now();
        if (!isNew) {
            draft.revise();
        }
        draft.scorer().refresh(state, now);
        state.objective().updatedAt = now;
        List<UUID> dropped = new ArrayList<>();
        draft.droppedMilestones().forEach(m -> dropped.add(m.id));
        return (isNew ? objectives.persist(state.objective()).replaceWithVoid() : Uni.createFrom().voidItem())
                .chain(() -> draft.addedKeyResults().isEmpty() ? Uni.createFrom().voidItem() : keyResults.persist(draft.addedKeyResults()))
                .chain(() -> draft.addedMilestones().isEmpty() ? Uni.createFrom().voidItem()
                        : milestones.persist(draft.addedMilestones()))
                .chain(() -> dropped.isEmpty() ? Uni.createFrom().voidItem()
                        : milestones.delete("id in ?1", dropped).replaceWithVoid())
                .chain(() -> {
                    var points = draft.points(type, isNew);
                    // what followed a KPI over days it judged again goes, replaced by what it says of them
                    Uni<Void> forgotten = Uni.createFrom().voidItem();
                    for (var from : draft.observedFrom().entrySet()) {
                        forgotten = forgotten.chain(() -> history.forgetKpiPoints(from.getKey(), from.getValue()));
                    }
                    if (points.isEmpty()) {
                        return forgotten;
                    }
                    return forgotten.chain(() -> draft.followsKpi() ? history.keepHourly(points) : history.persist(points));
                })
                .chain(() -> {
                    Uni<Void> recorded = Uni.createFrom().voidItem();
                    for (AuditTrail.Entry entry : draft.auditEntries(type, isNew)) {
                        recorded = recorded.chain(() -> audit.record(entry));
                    }
                    return recorded;
                })
                .chain(() -> objectives.flush())
                .map(v -> draft.scorer().view(state, now))
                .call(view -> outbox.record(Topics.OBJECTIVES, type, state.objective().organisationId, state.objective().id,
                        ObjectiveEvents.of(view, state.objective(), draft.previousHealth(), draft.effectiveAt())));
    }
}

package dev.okr.objectives.keyresult;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.objectives.keyresult.KeyResultApi.KeyResultRequest;
import dev.okr.objectives.keyresult.KeyResultApi.KeyResultView;
import dev.okr.objectives.kpi.KpiSnapshots;
import dev.okr.objectives.objective.ObjectiveApi.ObjectiveView;
import dev.okr.objectives.objective.ObjectiveEvents;
import dev.okr.objectives.objective.ObjectiveService;
import dev.okr.objectives.objective.ObjectiveState;
import dev.okr.objectives.objective.ObjectiveStates;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.ETags;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Key results under an objective: add, change, remove (kept with its history), reorder. */
@ApplicationScoped
public class KeyResultService {

    private final ObjectiveStates states;
    private final ObjectiveService objectives;
    private final KeyResultRepository keyResults;
    private final MilestoneRepository milestones;
    private final KpiSnapshots kpis;
    private final Clock clock;

    public KeyResultService(ObjectiveStates states, ObjectiveService objectives, KeyResultRepository keyResults,
            MilestoneRepository milestones, KpiSnapshots kpis, Clock clock) {
        this.states = states;
        this.objectives = objectives;
        this.keyResults = keyResults;
        this.milestones = milestones;
        this.kpis = kpis;
        this.clock = clock;
    }

    /** Adds a key result at the end of the objective's list; answers it as the objective now shows it. */
    @WithTransaction
    public Uni<KeyResultView> add(UUID organisationId, UUID objectiveId, KeyResultRequest request) {
        return states.load(organisationId, objectiveId).chain(state -> {
            ObjectiveService.requireActive(state.objective());
            int before = state.keyResults().size();
            Instant now = clock.instant();
            return objectives.buildKeyResults(state, List.of(request), now)
                    .chain(added -> objectives.persistKeyResults(state, added))
                    .chain(() -> objectives.finish(state, ObjectiveEvents.UPDATED, now))
                    .map(view -> view.keyResults().stream()
                            .filter(kr -> kr.id().equals(state.keyResults().get(before).id)).findFirst().orElseThrow());
        });
    }

    /** Changes a key result's definition (not its type); {@code If-Match} names the key result's version. */
    @WithTransaction
    public Uni<KeyResultView> change(UUID organisationId, UUID id, String ifMatch, KeyResultRequest request) {
        return loadOwning(organisationId, id).chain(state -> {
            KeyResult kr = find(state, id);
            ETags.require(ifMatch, kr.version);
            ObjectiveService.requireActive(state.objective());
            Instant now = clock.instant();
            UUID kpiBefore = kr.kpiId;
            KeyResultFactory.change(kr, request, now);
            Uni<Void> linked = kr.type == KeyResult.Type.KPI_LINKED && !kr.kpiId.equals(kpiBefore)
                    ? relink(state, kr) : Uni.createFrom().voidItem();
            Uni<Void> replaced = kr.type == KeyResult.Type.MILESTONES
                    ? replaceMilestones(state, kr, request) : Uni.createFrom().voidItem();
            return linked.chain(() -> replaced)
                    .chain(() -> objectives.finish(state, ObjectiveEvents.UPDATED, now))
                    .map(view -> view.keyResults().stream().filter(v -> v.id().equals(id)).findFirst().orElseThrow());
        });
    }

    /** Removes a key result from its objective; its check-ins stay as history. */
    @WithTransaction
    public Uni<ObjectiveView> remove(UUID organisationId, UUID id, String ifMatch) {
        return loadOwning(organisationId, id).chain(state -> {
            KeyResult kr = find(state, id);
            ETags.require(ifMatch, kr.version);
            ObjectiveService.requireActive(state.objective());
            Instant now = clock.instant();
            kr.removedAt = now;
            kr.updatedAt = now;
            state.keyResults().remove(kr);
            return objectives.finish(state, ObjectiveEvents.UPDATED, now);
        });
    }

    /** Puts the objective's key results in the given order; {@code If-Match} names the objective's version. */
    @WithTransaction
    public Uni<ObjectiveView> reorder(UUID organisationId, UUID objectiveId, String ifMatch, List<UUID> order) {
        return states.load(organisationId, objectiveId).chain(state -> {
            ETags.require(ifMatch, state.objective().version);
            ObjectiveService.requireActive(state.objective());
            Set<UUID> current = new HashSet<>();
            state.keyResults().forEach(kr -> current.add(kr.id));
            if (order.size() != current.size() || !current.equals(new HashSet<>(order))) {
                throw ProblemException.invalid("keyResultIds", "must list each of the objective's "
                        + current.size() + " key results exactly once");
            }
            Instant now = clock.instant();
            for (KeyResult kr : state.keyResults()) {
                int position = order.indexOf(kr.id);
                if (kr.position != position) {
                    kr.position = position;
                    kr.updatedAt = now;
                }
            }
            return objectives.finish(state, ObjectiveEvents.UPDATED, now);
        });
    }

    /** The objective (with everything loaded) that owns this organisation's key result, or a 404. */
    public Uni<ObjectiveState> loadOwning(UUID organisationId, UUID keyResultId) {
        return keyResults.findInOrganisation(organisationId, keyResultId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("key result", keyResultId))
                .chain(kr -> states.load(organisationId, kr.objectiveId));
    }

    public static KeyResult find(ObjectiveState state, UUID id) {
        return state.keyResults().stream().filter(kr -> kr.id.equals(id)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("key result", id));
    }

    private Uni<Void> relink(ObjectiveState state, KeyResult kr) {
        return kpis.link(state, kr, "body");
    }

    private Uni<Void> replaceMilestones(ObjectiveState state, KeyResult kr, KeyResultRequest request) {
        List<Milestone> existing = state.milestonesOf(kr);
        List<Milestone> next = KeyResultFactory.milestones(kr, request.milestones(), existing);
        Set<UUID> kept = new HashSet<>();
        next.forEach(m -> kept.add(m.id));
        List<Milestone> dropped = existing.stream().filter(m -> !kept.contains(m.id)).toList();
        List<Milestone> added = next.stream().filter(m -> existing.stream().noneMatch(e -> e.id.equals(m.id))).toList();
        state.milestones().put(kr.id, next);
        Uni<Void> deleted = dropped.isEmpty() ? Uni.createFrom().voidItem()
                : milestones.delete("id in ?1", dropped.stream().map(m -> m.id).toList()).replaceWithVoid();
        return deleted.chain(() -> added.isEmpty() ? Uni.createFrom().voidItem() : milestones.persist(added));
    }
}

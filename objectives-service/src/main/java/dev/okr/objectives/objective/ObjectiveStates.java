package dev.okr.objectives.objective;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.objectives.cycle.Cycle;
import dev.okr.objectives.cycle.CycleRepository;
import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.keyresult.KeyResultRepository;
import dev.okr.objectives.keyresult.Milestone;
import dev.okr.objectives.keyresult.MilestoneRepository;
import dev.okr.objectives.settings.OrganisationSettings;
import dev.okr.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Loads objectives with their cycle, key results and milestones (a few queries per page, never one per
 * objective) for reading, and for the write path once their rows are locked.
 */
@ApplicationScoped
public class ObjectiveStates {

    private final ObjectiveRepository objectives;
    private final CycleRepository cycles;
    private final KeyResultRepository keyResults;
    private final MilestoneRepository milestones;
    private final OrganisationSettings settings;

    public ObjectiveStates(ObjectiveRepository objectives, CycleRepository cycles, KeyResultRepository keyResults,
            MilestoneRepository milestones, OrganisationSettings settings) {
        this.objectives = objectives;
        this.cycles = cycles;
        this.keyResults = keyResults;
        this.milestones = milestones;
        this.settings = settings;
    }

    /** The organisation's objective, or a 404 (another organisation's objective does not exist here). */
    public Uni<ObjectiveState> load(UUID organisationId, UUID id) {
        return objectives.findInOrganisation(organisationId, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("objective", id))
                .chain(o -> loadAll(List.of(o)))
                .map(states -> states.get(0));
    }

    public Uni<List<ObjectiveState>> loadAll(List<Objective> list) {
        if (list.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Set<UUID> ids = list.stream().map(o -> o.id).collect(Collectors.toSet());
        Set<UUID> cycleIds = list.stream().map(o -> o.cycleId).collect(Collectors.toSet());
        return carriedInto(ids).invoke(copies -> list.forEach(o -> o.rolledOverTo = copies.get(o.id)))
                .chain(copies -> cycles.list("id in ?1", cycleIds)).chain(cycleList -> keyResults.activeOf(ids).chain(krs ->
                milestones.of(krs.stream().map(kr -> kr.id).toList()).map(ms -> {
                    Map<UUID, Cycle> cycleById = cycleList.stream().collect(Collectors.toMap(c -> c.id, c -> c));
                    Map<UUID, List<KeyResult>> krsByObjective = new HashMap<>();
                    krs.forEach(kr -> krsByObjective.computeIfAbsent(kr.objectiveId, k -> new ArrayList<>()).add(kr));
                    Map<UUID, List<Milestone>> msByKr = new HashMap<>();
                    ms.forEach(m -> msByKr.computeIfAbsent(m.keyResultId, k -> new ArrayList<>()).add(m));
                    return list.stream().map(o -> new ObjectiveState(o, cycleById.get(o.cycleId),
                            krsByObjective.getOrDefault(o.id, new ArrayList<>()), msByKr)).toList();
                })));
    }

    /** For each of these objectives carried into another cycle, its copy (not archived). */
    private Uni<Map<UUID, UUID>> carriedInto(Set<UUID> ids) {
        return objectives.getSession().chain(s -> s.createSelectionQuery("select o.rolledOverFrom, o.id from Objective o "
                + "where o.rolledOverFrom in :ids and o.status <> :archived", Object[].class)
                .setParameter("ids", ids).setParameter("archived", Objective.Status.ARCHIVED).getResultList())
                .map(rows -> {
                    Map<UUID, UUID> copies = new HashMap<>();
                    rows.forEach(r -> copies.put((UUID) r[0], (UUID) r[1]));
                    return copies;
                });
    }

    /** Scores the organisation's objectives with its settings. */
    public Uni<ObjectiveScorer> scorer(UUID organisationId) {
        return settings.of(organisationId).map(ObjectiveScorer::new);
    }
}

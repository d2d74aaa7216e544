package dev.okr.objectives.objective;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.objectives.cycle.CycleRepository;
import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.keyresult.Milestone;
import dev.okr.objectives.objective.ObjectiveApi.ObjectiveView;
import dev.okr.objectives.scoring.Health;
import dev.okr.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Carries an objective that was not achieved into another cycle: a new objective with the same owner,
 * kind and key results, each starting where the old one ended, linked back to it. The old one keeps its
 * final score.
 */
@ApplicationScoped
public class RollOverService {

    private final ObjectiveStates states;
    private final Objectives objectives;
    private final ObjectiveRepository objectiveRepository;
    private final CycleRepository cycles;
    private final Clock clock;

    public RollOverService(ObjectiveStates states, Objectives objectives, ObjectiveRepository objectiveRepository,
            CycleRepository cycles, Clock clock) {
        this.states = states;
        this.objectives = objectives;
        this.objectiveRepository = objectiveRepository;
        this.cycles = cycles;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<ObjectiveView> rollOver(UUID organisationId, UUID id, UUID cycleId) {
        return states.load(organisationId, id)
                .call(old -> check(old, cycleId))
                .chain(old -> cycles.requireOpen(organisationId, cycleId, "cycleId").chain(cycle -> {
                    Instant now = clock.instant();
                    Objective from = old.objective();
                    Objective o = new Objective();
                    o.id = UUID.randomUUID();
                    o.organisationId = organisationId;
                    o.cycleId = cycle.id;
                    o.title = from.title;
                    o.description = from.description;
                    o.ownerType = from.ownerType;
                    o.ownerId = from.ownerId;
                    o.kind = from.kind;
                    o.status = Objective.Status.ACTIVE;
                    o.rolledOverFrom = from.id;
                    o.createdAt = now;
                    o.updatedAt = now;
                    return objectives.create(new ObjectiveState(o, cycle, new ArrayList<>(), new HashMap<>()), draft -> {
                        for (KeyResult kr : old.keyResults()) {
                            KeyResult copy = carry(kr, o, now);
                            draft.add(copy, old.milestonesOf(kr).stream().map(m -> carry(m, copy)).toList());
                        }
                        return Uni.createFrom().voidItem();
                    });
                }));
    }

    private Uni<Void> check(ObjectiveState old, UUID cycleId) {
        Objective o = old.objective();
        if (o.status != Objective.Status.CLOSED) {
            throw ProblemException.conflict("Only an objective whose cycle has closed can be carried over; this one is "
                    + o.status.name().toLowerCase() + ".");
        }
        if (o.cycleId.equals(cycleId)) {
            throw ProblemException.invalid("cycleId", "must be another cycle than the objective's own");
        }
        return states.scorer(o.organisationId).chain(scorer -> {
            if (scorer.health(old, clock.instant()).health() == Health.ACHIEVED) {
                throw ProblemException.conflict("This objective was achieved (score " + o.score + "): there is nothing to carry over.");
            }
            return objectiveRepository.count("rolledOverFrom = ?1 and status <> ?2", o.id, Objective.Status.ARCHIVED);
        }).invoke(carried -> {
            if (carried > 0) {
                throw ProblemException.conflict("This objective was already carried over.");
            }
        }).replaceWithVoid();
    }

    private static KeyResult carry(KeyResult kr, Objective into, Instant now) {
        KeyResult copy = new KeyResult();
        copy.id = UUID.randomUUID();
        copy.objectiveId = into.id;
        copy.organisationId = into.organisationId;
        copy.position = kr.position;
        copy.title = kr.title;
        copy.type = kr.type;
        copy.unit = kr.unit;
        copy.weight = kr.weight;
        copy.cadence = kr.cadence;
        copy.kpiId = kr.kpiId;
        // what the KPI last said of itself goes along, or a copy following a quiet KPI would look on track
        copy.kpiName = kr.kpiName;
        copy.kpiStaleSince = kr.kpiStaleSince;
        copy.direction = kr.direction;
        copy.done = kr.done;
        copy.targetValue = kr.targetValue;
        // where the old key result ended is where the new one starts
        copy.startValue = kr.currentValue != null ? kr.currentValue : kr.startValue;
        copy.currentValue = copy.startValue;
        copy.createdAt = now;
        copy.updatedAt = now;
        return copy;
    }

    private static Milestone carry(Milestone m, KeyResult into) {
        Milestone copy = new Milestone();
        copy.id = UUID.randomUUID();
        copy.keyResultId = into.id;
        copy.position = m.position;
        copy.title = m.title;
        copy.weight = m.weight;
        copy.completedAt = m.completedAt;
        return copy;
    }
}

package dev.okr.objectives.objective;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.okr.objectives.cycle.Cycle;
import dev.okr.objectives.cycle.CycleRepository;
import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.keyresult.Milestone;
import dev.okr.objectives.objective.ObjectiveApi.ObjectiveView;
import dev.okr.objectives.scoring.Health;
import dev.okr.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Carries objectives that were not achieved into another cycle: each becomes a new objective with the same owner,
 * kind and key results, each key result starting where the old one ended, linked back to it (and the old one
 * forward to it); the old one keeps its final score. One objective at a time, or a whole closed cycle at once, which
 * a second call finds done and says so. Alignment among the copies follows in alignment-service, from the copies'
 * events. Carrying out of a cycle takes turns: its row is locked, so one objective is never carried twice.
 */
@ApplicationScoped
public class RollOverService {

    /** What became of one objective of a cycle that was rolled over. */
    @Schema(name = "RollOverOutcome", description = "ROLLED_OVER: carried now; ALREADY_ROLLED_OVER: carried before (copyId names the "
            + "copy); ACHIEVED: nothing to carry")
    public enum Outcome {
        ROLLED_OVER, ALREADY_ROLLED_OVER, ACHIEVED
    }

    @Schema(name = "CycleRollOverItem")
    public record Item(UUID objectiveId, String title, Outcome outcome, @Schema(nullable = true) UUID copyId) {
    }

    @Schema(name = "CycleRollOver", description = "What a whole-cycle roll-over did, objective by objective")
    public record CycleRollOver(UUID cycleId, UUID targetCycleId,
            @Schema(description = "How many were carried by this call (0: nothing changed)") int rolledOver,
            @Schema(description = "How many had been carried before") int alreadyRolledOver,
            @Schema(description = "How many were achieved, so not carried") int achieved,
            List<Item> items) {

        static CycleRollOver of(UUID cycleId, UUID targetCycleId, List<Item> items) {
            return new CycleRollOver(cycleId, targetCycleId, count(items, Outcome.ROLLED_OVER), count(items, Outcome.ALREADY_ROLLED_OVER),
                    count(items, Outcome.ACHIEVED), items);
        }

        private static int count(List<Item> items, Outcome outcome) {
            return (int) items.stream().filter(i -> i.outcome() == outcome).count();
        }
    }

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
        return objectiveRepository.findInOrganisation(organisationId, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("objective", id))
                .call(o -> cycles.findById(o.cycleId, LockModeType.PESSIMISTIC_WRITE))
                .chain(o -> states.load(organisationId, id))
                .call(old -> check(old, cycleId))
                .chain(old -> cycles.requireOpen(organisationId, cycleId, "cycleId").chain(cycle -> carry(old, cycle, clock.instant())));
    }

    /**
     * Carries the closed cycle's objectives that were not achieved (those of {@code only}, when given) into the target
     * cycle. Those carried before are named with their copy, and left as they are.
     */
    @WithTransaction
    public Uni<CycleRollOver> rollOverCycle(UUID organisationId, UUID cycleId, UUID targetCycleId, List<UUID> only) {
        if (cycleId.equals(targetCycleId)) {
            throw ProblemException.invalid("targetCycleId", "must be another cycle than the one rolled over");
        }
        return cycles.find("id = ?1 and organisationId = ?2", cycleId, organisationId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("cycle", cycleId))
                .invoke(cycle -> {
                    if (cycle.status != Cycle.Status.CLOSED) {
                        throw ProblemException.conflict("Cycle " + cycle.name + " is still open: close it first (its objectives' final "
                                + "scores are what the roll-over carries forward).");
                    }
                })
                .chain(() -> cycles.requireOpen(organisationId, targetCycleId, "targetCycleId"))
                .chain(target -> objectiveRepository.list("organisationId = ?1 and cycleId = ?2 and status = ?3 order by createdAt, id",
                        organisationId, cycleId, Objective.Status.CLOSED)
                        .invoke(closed -> requireAllIn(closed, only))
                        .map(closed -> only == null ? closed : closed.stream().filter(o -> only.contains(o.id)).toList())
                        .chain(states::loadAll)
                        .chain(loaded -> states.scorer(organisationId).chain(scorer -> {
                            Instant now = clock.instant();
                            Uni<List<Item>> items = Uni.createFrom().item(new ArrayList<>());
                            for (ObjectiveState old : loaded) {
                                Objective o = old.objective();
                                items = items.chain(done -> {
                                    if (o.rolledOverTo != null) {
                                        done.add(new Item(o.id, o.title, Outcome.ALREADY_ROLLED_OVER, o.rolledOverTo));
                                        return Uni.createFrom().item(done);
                                    }
                                    if (scorer.health(old, now).health() == Health.ACHIEVED) {
                                        done.add(new Item(o.id, o.title, Outcome.ACHIEVED, null));
                                        return Uni.createFrom().item(done);
                                    }
                                    return carry(old, target, now).map(copy -> {
                                        done.add(new Item(o.id, o.title, Outcome.ROLLED_OVER, copy.id()));
                                        return done;
                                    });
                                });
                            }
                            return items.map(list -> CycleRollOver.of(cycleId, targetCycleId, list));
                        })));
    }

    /** Each objective named must be a closed (not archived) objective of the cycle: else a 400 naming it. */
    private static void requireAllIn(List<Objective> closed, List<UUID> only) {
        if (only == null) {
            return;
        }
        Set<UUID> ids = new HashSet<>();
        closed.forEach(o -> ids.add(o.id));
        for (int i = 0; i < only.size(); i++) {
            if (!ids.contains(only.get(i))) {
                throw ProblemException.invalid("objectiveIds[" + i + "]", "no closed objective " + only.get(i) + " in this cycle");
            }
        }
    }

    private Uni<ObjectiveView> carry(ObjectiveState old, Cycle cycle, Instant now) {
        Objective from = old.objective();
        Objective o = new Objective();
        o.id = UUID.randomUUID();
        o.organisationId = from.organisationId;
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
        from.rolledOverTo = o.id;
        return objectives.create(new ObjectiveState(o, cycle, new ArrayList<>(), new HashMap<>()), draft -> {
            Uni<Void> linked = Uni.createFrom().voidItem();
            for (KeyResult kr : old.keyResults()) {
                KeyResult copy = carry(kr, o, now);
                draft.add(copy, old.milestonesOf(kr).stream().map(m -> carry(m, copy)).toList());
                if (copy.type == KeyResult.Type.KPI_LINKED) {
                    linked = linked.chain(() -> draft.carryLink(copy));
                }
            }
            return linked;
        });
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
        if (o.rolledOverTo != null) {
            throw ProblemException.conflict("This objective was already carried over (into objective " + o.rolledOverTo + ").");
        }
        return states.scorer(o.organisationId).invoke(scorer -> {
            if (scorer.health(old, clock.instant()).health() == Health.ACHIEVED) {
                throw ProblemException.conflict("This objective was achieved (score " + o.score + "): there is nothing to carry over.");
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

package dev.okr.objectives.cycle;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.objectives.objective.Objective;
import dev.okr.objectives.objective.ObjectiveEvents;
import dev.okr.objectives.objective.ObjectiveRepository;
import dev.okr.objectives.objective.ObjectiveService;
import dev.okr.objectives.objective.ObjectiveState;
import dev.okr.objectives.objective.ObjectiveStates;
import dev.okr.objectives.scoring.HealthRules;
import dev.okr.objectives.settings.HealthSettings;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.ETags;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Closing a cycle: every active objective in it is frozen with its final score (its progress, to two
 * decimals) and published; the cycle is marked closed. All in one transaction.
 */
@ApplicationScoped
public class CycleClosing {

    private final CycleRepository cycles;
    private final ObjectiveRepository objectives;
    private final ObjectiveStates states;
    private final ObjectiveService objectiveService;
    private final HealthSettings settings;
    private final CycleService cycleService;
    private final Clock clock;

    public CycleClosing(CycleRepository cycles, ObjectiveRepository objectives, ObjectiveStates states,
            ObjectiveService objectiveService, HealthSettings settings, CycleService cycleService, Clock clock) {
        this.cycles = cycles;
        this.objectives = objectives;
        this.states = states;
        this.objectiveService = objectiveService;
        this.settings = settings;
        this.cycleService = cycleService;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<Cycle> close(UUID organisationId, UUID cycleId, String ifMatch) {
        return cycles.findInOrganisation(organisationId, cycleId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("cycle", cycleId))
                .invoke(cycle -> {
                    ETags.require(ifMatch, cycle.version);
                    if (cycle.status == Cycle.Status.CLOSED) {
                        throw ProblemException.conflict("Cycle " + cycle.name + " is already closed.");
                    }
                })
                .call(cycle -> objectives.activeInCycle(organisationId, cycleId)
                        .chain(states::loadAll)
                        .chain(loaded -> settings.scorer(organisationId).chain(scorer -> {
                            Instant now = clock.instant();
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (ObjectiveState state : loaded) {
                                Objective o = state.objective();
                                o.score = HealthRules.score(scorer.progress(state));
                                o.status = Objective.Status.CLOSED;
                                o.closedAt = now;
                                chain = chain.chain(() -> objectiveService.finish(state, ObjectiveEvents.CLOSED, now).replaceWithVoid());
                            }
                            return chain;
                        })))
                .chain(cycle -> cycleService.markClosed(cycle));
    }
}

package dev.okr.objectives.objective;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.okr.contracts.events.ObjectiveChanged;
import dev.okr.objectives.cycle.Cycle;
import dev.okr.objectives.cycle.CyclePeriod;
import dev.okr.objectives.cycle.CycleRepository;
import dev.okr.objectives.cycle.CycleService;
import dev.okr.objectives.scoring.HealthRules;
import dev.okr.platform.audit.Actor;
import dev.okr.platform.audit.AuditTrail;
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
    private final ObjectiveRepository objectiveRepository;
    private final Objectives objectives;
    private final CycleService cycleService;
    private final AuditTrail audit;

    public CycleClosing(CycleRepository cycles, ObjectiveRepository objectiveRepository, Objectives objectives,
            CycleService cycleService, AuditTrail audit) {
        this.cycles = cycles;
        this.objectiveRepository = objectiveRepository;
        this.objectives = objectives;
        this.cycleService = cycleService;
        this.audit = audit;
    }

    /**
     * Closes the cycle; before its last day has passed only with {@code force} (else a 409 that says so), since scores
     * frozen early are scores of an unfinished quarter.
     */
    @WithTransaction
    public Uni<Cycle> close(UUID organisationId, UUID cycleId, String ifMatch, boolean force, Instant now) {
        Actor actor = audit.currentActor();
        // locked for update: objectives joining it (which share-lock it) finish first, later ones find it closed
        return cycles.find("id = ?1 and organisationId = ?2", cycleId, organisationId).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("cycle", cycleId))
                .invoke(cycle -> {
                    ETags.require(ifMatch, cycle.version);
                    if (cycle.status == Cycle.Status.CLOSED) {
                        throw ProblemException.conflict("Cycle " + cycle.name + " is already closed.");
                    }
                    if (!force && new CyclePeriod(cycle.startDate, cycle.endDate).phaseAt(now) != CyclePeriod.Phase.ENDED) {
                        throw ProblemException.conflict("Cycle " + cycle.name + " runs until " + cycle.endDate + " (UTC): closing it "
                                + "now freezes its objectives' scores before the quarter is over. Send force=true to close it early.");
                    }
                })
                .call(cycle -> objectiveRepository.activeInCycle(organisationId, cycleId).chain(ids -> objectives.changeEach(ids,
                        draft -> {
                            if (!draft.isActive()) {
                                return Uni.createFrom().nullItem();
                            }
                            Objective o = draft.objective();
                            o.score = HealthRules.score(draft.progress());
                            o.status = Objective.Status.CLOSED;
                            o.closedAt = draft.now();
                            return Uni.createFrom().item(ObjectiveChanged.CLOSED);
                        })))
                .chain(cycle -> cycleService.markClosed(cycle, actor));
    }
}

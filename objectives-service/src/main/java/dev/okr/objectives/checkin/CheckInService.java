package dev.okr.objectives.checkin;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.objectives.checkin.CheckInApi.CheckInRequest;
import dev.okr.objectives.checkin.CheckInApi.CheckInResult;
import dev.okr.objectives.checkin.CheckInApi.CheckInView;
import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.keyresult.KeyResultRepository;
import dev.okr.objectives.keyresult.KeyResultRules;
import dev.okr.objectives.keyresult.KeyResultService;
import dev.okr.objectives.objective.ObjectiveEvents;
import dev.okr.objectives.objective.ObjectiveService;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.Cursor;
import dev.okr.platform.web.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Check-ins: a key result's new value with a confidence and a note, kept as its history. */
@ApplicationScoped
public class CheckInService {

    private final KeyResultService keyResults;
    private final KeyResultRepository keyResultRepository;
    private final ObjectiveService objectives;
    private final CheckInRepository checkIns;
    private final Clock clock;

    public CheckInService(KeyResultService keyResults, KeyResultRepository keyResultRepository,
            ObjectiveService objectives, CheckInRepository checkIns, Clock clock) {
        this.keyResults = keyResults;
        this.keyResultRepository = keyResultRepository;
        this.objectives = objectives;
        this.checkIns = checkIns;
        this.clock = clock;
    }

    /**
     * Records a check-in. Check-ins on the same objective take turns (its row is locked for the transaction, so
     * twenty people checking in at once, on any replica, all land, one after the other). A check-in only appends, so
     * when the objective changed underneath it anyway (a KPI value or a roll-up applied at the same moment, which do
     * not wait for the lock) it is tried again on the fresh state, with short growing pauses.
     */
    public Uni<CheckInResult> record(UUID organisationId, String author, UUID keyResultId, CheckInRequest request) {
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() -> lockObjective(organisationId, keyResultId)
                .chain(() -> recordOnce(organisationId, author, keyResultId, request))))
                .onFailure(CheckInService::concurrentChange).retry()
                .withBackOff(java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(200)).withJitter(0.5).atMost(6);
    }

    private static Uni<Void> lockObjective(UUID organisationId, UUID keyResultId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select o.id from objective o join key_result k on k.objective_id = o.id "
                + "where k.id = :kr and o.organisation_id = :org for update of o")
                .setParameter("kr", keyResultId).setParameter("org", organisationId).getResultList())
                .replaceWithVoid();
    }

    private static boolean concurrentChange(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.StaleObjectStateException || t instanceof jakarta.persistence.OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    private Uni<CheckInResult> recordOnce(UUID organisationId, String author, UUID keyResultId, CheckInRequest request) {
        return keyResults.loadOwning(organisationId, keyResultId).chain(state -> {
            ObjectiveService.requireActive(state.objective());
            KeyResult kr = KeyResultService.find(state, keyResultId);
            Instant now = clock.instant();
            CheckInRules.apply(kr, state.milestonesOf(kr), request, now);
            CheckIn c = new CheckIn();
            c.id = UUID.randomUUID();
            c.keyResultId = kr.id;
            c.objectiveId = kr.objectiveId;
            c.organisationId = organisationId;
            c.value = kr.type == KeyResult.Type.NUMERIC || kr.type == KeyResult.Type.KPI_LINKED ? kr.currentValue : null;
            c.done = kr.type == KeyResult.Type.BOOLEAN ? kr.done : null;
            c.completedMilestones = kr.type == KeyResult.Type.MILESTONES ? CheckInRules.join(request.completedMilestones()) : null;
            c.progress = Math.round(KeyResultRules.progress(kr, state.milestonesOf(kr)) * 10_000) / 10_000.0;
            c.confidence = request.confidence();
            c.note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
            c.author = author;
            c.createdAt = now;
            return checkIns.persist(c)
                    .chain(() -> objectives.finish(state, ObjectiveEvents.CHECKED_IN, now))
                    .map(view -> new CheckInResult(CheckInView.of(c),
                            view.keyResults().stream().filter(v -> v.id().equals(keyResultId)).findFirst().orElseThrow()));
        });
    }

    /** The key result's history, newest first (removed key results keep theirs). */
    @WithSession
    public Uni<Page<CheckInView>> history(UUID organisationId, UUID keyResultId, Cursor before, int limit) {
        return keyResultRepository.find("id = ?1 and organisationId = ?2", keyResultId, organisationId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("key result", keyResultId))
                .chain(kr -> checkIns.history(keyResultId, before, limit + 1))
                .map(rows -> Page.of(rows, limit, c -> new Cursor(c.createdAt, c.id), CheckInView::of));
    }
}

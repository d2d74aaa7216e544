package dev.okr.objectives.checkin;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.contracts.events.ObjectiveChanged;
import dev.okr.objectives.checkin.CheckInApi.CheckInRequest;
import dev.okr.objectives.checkin.CheckInApi.CheckInResult;
import dev.okr.objectives.checkin.CheckInApi.CheckInView;
import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.keyresult.KeyResultRepository;
import dev.okr.objectives.keyresult.KeyResultRules;
import dev.okr.objectives.objective.Objectives;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.Cursor;
import dev.okr.platform.web.Page;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Check-ins: a key result's new value with a confidence and a note, kept as its history. */
@ApplicationScoped
public class CheckInService {

    private final Objectives objectives;
    private final KeyResultRepository keyResults;
    private final CheckInRepository checkIns;

    public CheckInService(Objectives objectives, KeyResultRepository keyResults, CheckInRepository checkIns) {
        this.objectives = objectives;
        this.keyResults = keyResults;
        this.checkIns = checkIns;
    }

    /**
     * Records a check-in as a change of its objective: check-ins on one objective (and the KPI values and roll-ups
     * that reach it) take turns, so twenty people checking in at once, on any replica, all land, one after the other.
     */
    @WithTransaction
    public Uni<CheckInResult> record(UUID organisationId, String author, UUID keyResultId, CheckInRequest request) {
        CheckIn c = new CheckIn();
        c.id = UUID.randomUUID();
        c.keyResultId = keyResultId;
        c.organisationId = organisationId;
        c.author = author;
        c.confidence = request.confidence();
        c.note = request.note() == null || request.note().isBlank() ? null : request.note().strip();
        return keyResults.objectiveOf(organisationId, keyResultId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("key result", keyResultId))
                .chain(objectiveId -> objectives.change(organisationId, objectiveId, draft -> {
                    draft.requireActive();
                    KeyResult kr = draft.keyResult(keyResultId);
                    CheckInRules.apply(kr, draft.state().milestonesOf(kr), request, draft.now());
                    draft.edited(kr);
                    c.objectiveId = kr.objectiveId;
                    c.value = kr.type == KeyResult.Type.NUMERIC || kr.type == KeyResult.Type.KPI_LINKED ? kr.currentValue : null;
                    c.done = kr.type == KeyResult.Type.BOOLEAN ? kr.done : null;
                    c.completedMilestones = kr.type == KeyResult.Type.MILESTONES ? CheckInRules.join(request.completedMilestones()) : null;
                    c.progress = Math.round(KeyResultRules.progress(kr, draft.state().milestonesOf(kr)) * 10_000) / 10_000.0;
                    c.createdAt = draft.now();
                    return checkIns.persist(c).replaceWith(ObjectiveChanged.CHECKED_IN);
                }))
                .map(view -> new CheckInResult(CheckInView.of(c), view.keyResult(keyResultId)));
    }

    /** One check-in of this organisation's key result, or a 404. */
    @WithSession
    public Uni<CheckInView> get(UUID organisationId, UUID keyResultId, UUID checkInId) {
        return checkIns.find("id = ?1 and keyResultId = ?2 and organisationId = ?3", checkInId, keyResultId, organisationId)
                .firstResult().onItem().ifNull().failWith(() -> ProblemException.notFound("check-in", checkInId))
                .map(CheckInView::of);
    }

    /** The key result's history, newest first (removed key results keep theirs). */
    @WithSession
    public Uni<Page<CheckInView>> history(UUID organisationId, UUID keyResultId, Cursor before, int limit) {
        return keyResults.find("id = ?1 and organisationId = ?2", keyResultId, organisationId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("key result", keyResultId))
                .chain(kr -> checkIns.history(keyResultId, before, limit + 1))
                .map(rows -> Page.of(rows, limit, c -> new Cursor(c.createdAt, c.id), CheckInView::of));
    }
}

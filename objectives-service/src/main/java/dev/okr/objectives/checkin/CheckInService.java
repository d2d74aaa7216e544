package dev.okr.objectives.checkin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.okr.contracts.events.ObjectiveChanged;
import dev.okr.objectives.checkin.CheckInApi.CheckInRequest;
import dev.okr.objectives.checkin.CheckInApi.CheckInResult;
import dev.okr.objectives.checkin.CheckInApi.CheckInView;
import dev.okr.objectives.history.ProgressPoint;
import dev.okr.objectives.history.ProgressPoints;
import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.keyresult.KeyResultRepository;
import dev.okr.objectives.keyresult.KeyResultRules;
import dev.okr.objectives.keyresult.Milestone;
import dev.okr.objectives.objective.Objectives;
import dev.okr.objectives.scoring.Timeline;
import dev.okr.platform.audit.Actor;
import dev.okr.platform.audit.AuditChange;
import dev.okr.platform.audit.AuditTrail;
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
    private final ProgressPoints history;
    private final AuditTrail audit;

    public CheckInService(Objectives objectives, KeyResultRepository keyResults, CheckInRepository checkIns, ProgressPoints history,
            AuditTrail audit) {
        this.objectives = objectives;
        this.keyResults = keyResults;
        this.checkIns = checkIns;
        this.history = history;
        this.audit = audit;
    }

    /**
     * Records a check-in as a change of its objective: check-ins on one objective (and the KPI values and roll-ups
     * that reach it) take turns, so twenty people checking in at once, on any replica, all land, one after the other.
     *
     * <p>A check-in dated in the past gives the key result its values only if no check-in dated later exists; otherwise
     * it joins the history where its date puts it, and the key result stays as it is (no event).
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
                    var cycle = draft.state().cycle();
                    Instant at = CheckInRules.checkedInAt(request.checkedInAt(), draft.now(),
                            new Timeline(cycle.startDate, cycle.endDate).startsAt());
                    c.objectiveId = kr.objectiveId;
                    c.checkedInAt = at;
                    c.createdAt = draft.now();
                    if (kr.lastCheckInAt != null && at.isBefore(kr.lastCheckInAt)) {
                        return earlier(draft.objective().organisationId, kr, draft.state().milestonesOf(kr), request, c, draft.actor());
                    }
                    CheckInRules.apply(kr, draft.state().milestonesOf(kr), request, at, draft.now());
                    draft.edited(kr);
                    if (kr.type != KeyResult.Type.KPI_LINKED) {
                        draft.dated(kr, at); // a KPI_LINKED key result's value is its KPI's now, not as of the check-in's date
                    }
                    fill(c, kr, draft.state().milestonesOf(kr), request);
                    draft.audit(kr, "checkIn", audited(c));
                    return checkIns.persist(c).replaceWith(ObjectiveChanged.CHECKED_IN);
                }))
                .map(view -> new CheckInResult(CheckInView.of(c), view.keyResult(keyResultId)));
    }

    /**
     * A check-in dated before the key result's last one: stored with what the key result was after it (a KPI_LINKED key
     * result's value as it stood then), and a point of its history at its date. The key result does not change.
     */
    private Uni<String> earlier(UUID organisationId, KeyResult kr, List<Milestone> milestones, CheckInRequest request, CheckIn c,
            Actor actor) {
        List<Milestone> previewed = new ArrayList<>();
        KeyResult then = CheckInRules.preview(kr, milestones, previewed, request, c.checkedInAt);
        Uni<KeyResult> asThen = kr.type != KeyResult.Type.KPI_LINKED ? Uni.createFrom().item(then)
                : history.lastOf(kr.id, c.checkedInAt).map(point -> {
                    then.currentValue = point != null ? point.value : null; // its KPI's value then: none known
                    return then;
                });
        return asThen.chain(state -> {
            fill(c, state, previewed, request);
            ProgressPoint point = ProgressPoint.of(organisationId, kr.objectiveId, kr.id, c.checkedInAt, c.createdAt,
                    ObjectiveChanged.CHECKED_IN, c.progress);
            point.value = c.value;
            point.confidence = c.confidence;
            AuditTrail.Entry entry = new AuditTrail.Entry(organisationId, c.createdAt, actor, "key-result.checked-in", "key-result",
                    kr.id.toString(), kr.objectiveId.toString(), List.of(new AuditChange("checkIn", null, audited(c))));
            return checkIns.persist(c).chain(() -> history.persist(point)).chain(() -> audit.record(entry)).replaceWith((String) null);
        });
    }

    /** The check-in as the audit trail keeps it beside the key result's changes. */
    private static ObjectNode audited(CheckIn c) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", c.id.toString());
        node.put("checkedInAt", c.checkedInAt.toString());
        node.put("value", c.value);
        node.put("done", c.done);
        node.put("completedMilestones", c.completedMilestones);
        node.put("confidence", c.confidence);
        node.put("note", c.note);
        return node;
    }

    private static void fill(CheckIn c, KeyResult kr, List<Milestone> milestones, CheckInRequest request) {
        c.value = kr.type == KeyResult.Type.NUMERIC || kr.type == KeyResult.Type.KPI_LINKED ? kr.currentValue : null;
        c.done = kr.type == KeyResult.Type.BOOLEAN ? kr.done : null;
        c.completedMilestones = kr.type == KeyResult.Type.MILESTONES ? CheckInRules.join(request.completedMilestones()) : null;
        c.progress = Math.round(KeyResultRules.progress(kr, milestones) * 10_000) / 10_000.0;
    }

    /** One check-in of this organisation's key result, or a 404. */
    @WithSession
    public Uni<CheckInView> get(UUID organisationId, UUID keyResultId, UUID checkInId) {
        return checkIns.find("id = ?1 and keyResultId = ?2 and organisationId = ?3", checkInId, keyResultId, organisationId)
                .firstResult().onItem().ifNull().failWith(() -> ProblemException.notFound("check-in", checkInId))
                .map(CheckInView::of);
    }

    /** The key result's check-ins, the latest dated first (removed key results keep theirs). */
    @WithSession
    public Uni<Page<CheckInView>> history(UUID organisationId, UUID keyResultId, Cursor before, int limit) {
        return keyResults.find("id = ?1 and organisationId = ?2", keyResultId, organisationId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("key result", keyResultId))
                .chain(kr -> checkIns.history(keyResultId, before, limit + 1))
                .map(rows -> Page.of(rows, limit, c -> new Cursor(c.checkedInAt, c.id), CheckInView::of));
    }
}

package dev.okr.objectives.objective;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.okr.contracts.events.KpiChanged;
import dev.okr.objectives.history.ProgressPoint;
import dev.okr.objectives.history.ProgressPoints;

import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.keyresult.KeyResultApi.KeyResultRequest;
import dev.okr.objectives.keyresult.KeyResultFactory;
import dev.okr.objectives.keyresult.KeyResultRules;
import dev.okr.objectives.keyresult.KpiLinks;
import dev.okr.objectives.keyresult.Milestone;
import dev.okr.objectives.scoring.Assessment;
import dev.okr.objectives.scoring.Health;
import dev.okr.platform.audit.Actor;
import dev.okr.platform.audit.AuditTrail;
import dev.okr.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * One change of an objective in the making: the objective (locked, with everything its progress depends on) and
 * what the change added or dropped, which {@link Objectives} stores with the objective when the change is done.
 * A change edits the entities it is given and calls the methods here for what adds or removes rows.
 */
public final class Draft {

    private final ObjectiveState state;
    private final Instant now;
    private final ObjectiveScorer scorer;
    private final KpiLinks kpis;
    private final Health previousHealth;
    private final Before previousObjective;
    private final Map<UUID, Before> previousKeyResults = new HashMap<>();
    private final Map<UUID, Instant> dated = new HashMap<>();
    private final Map<UUID, List<KpiChanged.Observed>> observed = new HashMap<>();
    private final Map<UUID, Instant> observedFrom = new HashMap<>();
    private final Actor actor;
    private final ObjectNode auditedObjective;
    private final ObjectNode auditedKeyResults;
    private final ObjectNode auditExtras = JsonNodeFactory.instance.objectNode();
    private boolean followedKpi;
    private final List<KeyResult> addedKeyResults = new ArrayList<>();
    private final List<Milestone> addedMilestones = new ArrayList<>();
    private final List<Milestone> droppedMilestones = new ArrayList<>();
    private final Set<KeyResult> editedKeyResults = new HashSet<>();
    private boolean edited;

    Draft(ObjectiveState state, Instant now, ObjectiveScorer scorer, KpiLinks kpis, Actor actor) {
        this.state = state;
        this.now = now;
        this.scorer = scorer;
        this.kpis = kpis;
        this.previousHealth = state.objective().health;
        this.actor = actor;
        // what the audit trail compares with: only for a change a person or an integration makes
        this.auditedObjective = actor == null ? null : AuditedState.objective(state.objective());
        this.auditedKeyResults = actor == null ? null : AuditedState.keyResults(state);
        Objective o = state.objective();
        this.previousObjective = new Before(scorer.progress(state), o.rollupProgress, null, null, o.updatedAt, o.score, o.status);
        for (KeyResult kr : state.keyResults()) {
            previousKeyResults.put(kr.id, new Before(KeyResultRules.progress(kr, state.milestonesOf(kr)), kr.currentValue,
                    kr.latestConfidence, kr.lastCheckInAt, kr.updatedAt, null, null));
        }
    }

    /** What an objective or a key result was before the change: what its history is compared with. */
    private record Before(double progress, Double value, Integer confidence, Instant lastCheckInAt, Instant updatedAt,
            Double score, Objective.Status status) {
    }

    public Objective objective() {
        return state.objective();
    }

    public ObjectiveState state() {
        return state;
    }

    /** The moment of the change: every timestamp it writes. */
    public Instant now() {
        return now;
    }

    public boolean isActive() {
        return state.objective().status == Objective.Status.ACTIVE;
    }

    /** A closed or archived objective no longer changes: a 409 saying which. */
    public void requireActive() {
        Objective o = state.objective();
        if (o.status != Objective.Status.ACTIVE) {
            throw ProblemException.conflict("This objective is " + o.status.name().toLowerCase() + ": it no longer changes.");
        }
    }

    /** Marks an edit of the objective by a client (not a computed change): its ETag moves. */
    public void edited() {
        edited = true;
    }

    /** Marks an edit of a key result by a person (its definition, a check-in): its ETag moves. */
    public void edited(KeyResult kr) {
        editedKeyResults.add(kr);
    }

    /**
     * Says the key result's new state has been true since {@code at}, an earlier moment than the change (a check-in
     * dated in the past, a KPI value observed earlier): its history records it from then.
     */
    public void dated(KeyResult kr, Instant at) {
        dated.put(kr.id, at.isAfter(now) ? now : at);
    }

    /**
     * Says what the key result's KPI was at past observations from {@code from} on (values pushed, corrected or withdrawn
     * for past days): its history from then (not before its cycle began) is replaced by a point at each of them and
     * one for its value now.
     */
    public void observed(KeyResult kr, Instant from, List<KpiChanged.Observed> values) {
        Instant cycleStart = state.cycle().startDate.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant cycleEnd = state.cycle().endDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (!from.isBefore(cycleEnd)) {
            return;
        }
        observedFrom.put(kr.id, from.isBefore(cycleStart) ? cycleStart : from);
        observed.put(kr.id, values.stream().filter(o -> o.value() != null && o.at() != null && !o.at().isBefore(cycleStart)
                && o.at().isBefore(cycleEnd) && o.at().isBefore(now)).toList());
    }

    /** Whether {@link #observed} gave the key result a past to record again. */
    public boolean hasObserved(KeyResult kr) {
        return observedFrom.containsKey(kr.id);
    }

    /** For each key result whose past {@link #observed} replaces: from when its points that followed the KPI go. */
    Map<UUID, Instant> observedFrom() {
        return observedFrom;
    }

    /**
     * When the objective's new state became true, as its event says ({@code effectiveAt}): the earliest moment a key result
     * was dated to — a check-in dated in the past that is its key result's latest, a KPI value's observation (never before
     * the key result's last change, as its history dates it) — else now; but not before another key result's latest
     * check-in, since the state holds only from then. A check-in dated before its key result's latest one leaves the
     * current state as it was, which is then true from now.
     */
    Instant effectiveAt() {
        Instant earliest = now;
        for (Map.Entry<UUID, Instant> d : dated.entrySet()) {
            Before b = previousKeyResults.get(d.getKey());
            Instant at = d.getValue();
            if (b != null && followsKpi() && b.updatedAt() != null && at.isBefore(b.updatedAt())) {
                at = b.updatedAt();
            } else if (b != null && !followsKpi() && b.lastCheckInAt() != null && at.isBefore(b.lastCheckInAt())) {
                at = now;
            }
            if (at.isBefore(earliest)) {
                earliest = at;
            }
        }
        // the objective's state holds only since each of its key results had the value it has: not before another's
        // latest check-in (a check-in dated day 10 after one of another key result dated day 20 speaks from day 20)
        for (KeyResult kr : state.keyResults()) {
            if (!dated.containsKey(kr.id) && kr.lastCheckInAt != null && kr.lastCheckInAt.isAfter(earliest)) {
                earliest = kr.lastCheckInAt.isAfter(now) ? now : kr.lastCheckInAt;
            }
        }
        return earliest;
    }

    /** Says this change follows a KPI's value (no one made it): its history keeps one point an hour (see {@link ProgressPoints}). */
    public void followedKpi() {
        followedKpi = true;
    }

    /** Whether this change only follows a KPI's value. */
    boolean followsKpi() {
        return followedKpi && actor == null;
    }

    /** Adds to the key result's audit entry what its fields do not show (a check-in's note and date). */
    public void audit(KeyResult kr, String field, JsonNode value) {
        JsonNode existing = auditExtras.get(kr.id.toString());
        ObjectNode fields = existing instanceof ObjectNode o ? o : auditExtras.putObject(kr.id.toString());
        fields.set(field, value);
    }

    /** The person or integration making this change; null for a change no one makes (an event followed, the sweep). */
    public Actor actor() {
        return actor;
    }

    /** The objective's key result (in use) with this id, or a 404. */
    public KeyResult keyResult(UUID id) {
        return state.keyResults().stream().filter(kr -> kr.id.equals(id)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("key result", id));
    }

    /** The objective's progress as the key results stand in the draft. */
    public double progress() {
        return scorer.progress(state);
    }

    /** The objective's health as the key results stand in the draft, judged now. */
    public Assessment health() {
        return scorer.health(state, now);
    }

    /**
     * Adds key results built from requests at the end of the objective's list, each checked (its errors named under
     * {@code field[i]}) and, for KPI_LINKED, linked to its KPI.
     */
    public Uni<List<KeyResult>> addKeyResults(List<KeyResultRequest> requests, String field) {
        List<KeyResult> built = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        int position = state.keyResults().stream().mapToInt(kr -> kr.position + 1).max().orElse(0);
        for (int i = 0; i < requests.size(); i++) {
            KeyResultRequest r = requests.get(i);
            int at = position + i;
            String name = field + "[" + i + "]";
            chain = chain.chain(() -> {
                KeyResult kr;
                List<Milestone> milestones;
                try {
                    kr = KeyResultFactory.create(objective().organisationId, objective().id, r, at, now);
                    milestones = kr.type == KeyResult.Type.MILESTONES
                            ? KeyResultFactory.milestones(kr, r.milestones(), List.of()) : List.of();
                } catch (ProblemException e) {
                    throw e.under(name);
                }
                add(kr, milestones);
                built.add(kr);
                return kr.type == KeyResult.Type.KPI_LINKED ? link(kr, name) : Uni.createFrom().voidItem();
            });
        }
        return chain.replaceWith(built);
    }

    /** Adds a key result (with its milestones) that a change built itself, such as a copy. */
    public void add(KeyResult kr, List<Milestone> milestones) {
        edited();
        state.keyResults().add(kr);
        addedKeyResults.add(kr);
        if (!milestones.isEmpty()) {
            state.milestones().put(kr.id, milestones);
            addedMilestones.addAll(milestones);
        }
    }

    /** A KPI_LINKED key result carried into this objective's cycle: see {@link KpiLinks#carry}. */
    public Uni<Void> carryLink(KeyResult kr) {
        return kpis.carry(objective().organisationId, state.cycle().startDate, state.cycle().endDate, kr);
    }

    /** (Re)links a KPI_LINKED key result to its KPI: direction, unit, start and target follow from the KPI. */
    public Uni<Void> link(KeyResult kr, String field) {
        return kpis.link(objective().organisationId, state.cycle().startDate, state.cycle().endDate, kr, field);
    }

    /** Takes a key result out of the objective; its row and check-ins stay as history. */
    public void remove(KeyResult kr) {
        edited();
        kr.removedAt = now;
        kr.updatedAt = now;
        state.keyResults().remove(kr);
    }

    /** Gives a key result these milestones: those it had and are not among them go, the new ones come. */
    public void replaceMilestones(KeyResult kr, List<Milestone> next) {
        List<Milestone> existing = state.milestonesOf(kr);
        Set<UUID> before = new HashSet<>();
        existing.forEach(m -> before.add(m.id));
        Set<UUID> after = new HashSet<>();
        next.forEach(m -> after.add(m.id));
        existing.stream().filter(m -> !after.contains(m.id)).forEach(droppedMilestones::add);
        next.stream().filter(m -> !before.contains(m.id)).forEach(addedMilestones::add);
        state.milestones().put(kr.id, next);
    }

    /**
     * The history this change makes (after the objective was recomputed): a point for each key result whose progress,
     * value or confidence moved (or that is new), dated when it became true — and, when that is earlier than the key
     * result's last change, another now, so the latest point is the current state — and one for the objective when its
     * progress, health, score or status moved.
     */
    List<ProgressPoint> points(String type, boolean isNew) {
        String source = followsKpi() ? ProgressPoint.KPI : type;
        Objective o = state.objective();
        List<ProgressPoint> points = new ArrayList<>();
        for (KeyResult kr : state.keyResults()) {
            // the KPI's values of past days it was not told of before: each at its observation
            for (KpiChanged.Observed seen : observed.getOrDefault(kr.id, List.of())) {
                ProgressPoint p = ProgressPoint.of(o.organisationId, o.id, kr.id, seen.at(), now, source, KeyResultRules.progress(kr, seen.value()));
                p.value = seen.value();
                points.add(p);
            }
            double progress = KeyResultRules.progress(kr, state.milestonesOf(kr));
            Before b = previousKeyResults.get(kr.id);
            boolean checkedIn = b == null ? kr.lastCheckInAt != null : !Objects.equals(b.lastCheckInAt(), kr.lastCheckInAt);
            if (b != null && !checkedIn && b.progress() == progress && Objects.equals(b.value(), kr.currentValue)
                    && !observedFrom.containsKey(kr.id)) {
                continue;
            }
            Instant at = dated.getOrDefault(kr.id, now);
            if (followsKpi() && b != null && b.updatedAt() != null && at.isBefore(b.updatedAt())) {
                at = b.updatedAt(); // a KPI's value is dated by its observation, but never before the key result's last change
            }
            ProgressPoint p = ProgressPoint.of(o.organisationId, o.id, kr.id, at, now, source, progress);
            p.value = kr.currentValue;
            p.confidence = checkedIn ? kr.latestConfidence : null;
            points.add(p);
            if (b != null && b.updatedAt() != null && at.isBefore(b.updatedAt()) && !followsKpi()) {
                ProgressPoint current = ProgressPoint.of(o.organisationId, o.id, kr.id, now, now, source, progress);
                current.value = kr.currentValue;
                points.add(current);
            }
        }
        double progress = scorer.progress(state);
        if (isNew || progress != previousObjective.progress() || o.health != previousHealth
                || !Objects.equals(o.score, previousObjective.score()) || o.status != previousObjective.status()) {
            ProgressPoint p = ProgressPoint.of(o.organisationId, o.id, null, now, now, source, progress);
            p.health = o.health == null ? null : o.health.name();
            p.score = o.score;
            points.add(p);
        }
        return points;
    }

    /** The audit trail's entries of this change (after it was applied); none for a change no one made. */
    List<AuditTrail.Entry> auditEntries(String type, boolean isNew) {
        if (actor == null) {
            return List.of();
        }
        return AuditedState.entries(actor, state.objective(), now, type, isNew ? null : auditedObjective, auditedKeyResults,
                AuditedState.objective(state.objective()), AuditedState.keyResults(state), auditExtras);
    }

    /** Moves the revisions of what this change edited. */
    void revise() {
        if (edited) {
            state.objective().revision++;
        }
        editedKeyResults.forEach(kr -> kr.revision++);
    }

    List<KeyResult> addedKeyResults() {
        return addedKeyResults;
    }

    List<Milestone> addedMilestones() {
        return addedMilestones;
    }

    List<Milestone> droppedMilestones() {
        return droppedMilestones;
    }

    /** The health stored before this change (null for a new objective). */
    Health previousHealth() {
        return previousHealth;
    }

    ObjectiveScorer scorer() {
        return scorer;
    }
}

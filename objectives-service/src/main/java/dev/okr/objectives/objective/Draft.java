package dev.okr.objectives.objective;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.keyresult.KeyResultApi.KeyResultRequest;
import dev.okr.objectives.keyresult.KeyResultFactory;
import dev.okr.objectives.keyresult.KpiLinks;
import dev.okr.objectives.keyresult.Milestone;
import dev.okr.objectives.scoring.Assessment;
import dev.okr.objectives.scoring.Health;
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
    private final List<KeyResult> addedKeyResults = new ArrayList<>();
    private final List<Milestone> addedMilestones = new ArrayList<>();
    private final List<Milestone> droppedMilestones = new ArrayList<>();
    private final Set<KeyResult> editedKeyResults = new HashSet<>();
    private boolean edited;

    Draft(ObjectiveState state, Instant now, ObjectiveScorer scorer, KpiLinks kpis) {
        this.state = state;
        this.now = now;
        this.scorer = scorer;
        this.kpis = kpis;
        this.previousHealth = state.objective().health;
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

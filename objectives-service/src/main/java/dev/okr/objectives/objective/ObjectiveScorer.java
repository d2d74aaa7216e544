package dev.okr.objectives.objective;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import dev.okr.objectives.keyresult.Cadence;
import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.keyresult.KeyResultApi.KeyResultView;
import dev.okr.objectives.keyresult.KeyResultApi.MilestoneView;
import dev.okr.objectives.keyresult.KeyResultRules;
import dev.okr.objectives.objective.ObjectiveApi.ObjectiveView;
import dev.okr.objectives.objective.ObjectiveApi.OwnerView;
import dev.okr.objectives.scoring.Assessment;
import dev.okr.objectives.scoring.Guidance;
import dev.okr.objectives.scoring.HealthRules;
import dev.okr.objectives.scoring.Progress;
import dev.okr.objectives.scoring.Timeline;
import dev.okr.objectives.settings.Settings;

/**
 * Turns an objective's stored state into what users see at a given moment: each key result's progress
 * and health, the objective's weighted progress and health. Health depends on "now", so it is computed
 * on every read rather than trusted from storage.
 */
public final class ObjectiveScorer {

    private final HealthRules rules;
    private final Settings settings;

    public ObjectiveScorer(Settings settings) {
        this.rules = new HealthRules(settings.thresholds());
        this.settings = settings;
    }

    /** How this organisation judges health. */
    public HealthRules rules() {
        return rules;
    }

    /** The objective's own progress: weighted over its key results, else its roll-up, else 0. */
    public double progress(ObjectiveState state) {
        Double own = ownProgress(state);
        if (own != null) {
            return own;
        }
        return state.objective().rollupProgress == null ? 0 : state.objective().rollupProgress;
    }

    /** The weighted progress of the key results, or null without key results. */
    public Double ownProgress(ObjectiveState state) {
        List<Progress.Weighted> weighted = new ArrayList<>();
        for (KeyResult kr : state.keyResults()) {
            weighted.add(new Progress.Weighted(KeyResultRules.progress(kr, state.milestonesOf(kr)), kr.weight));
        }
        return Progress.objective(weighted);
    }

    public Assessment health(ObjectiveState state, Instant now) {
        Objective o = state.objective();
        if (o.status == Objective.Status.CLOSED && o.score != null) {
            // a closed objective is judged by its final score, as at the end of its cycle
            Instant end = new Timeline(state.cycle().startDate, state.cycle().endDate).endsAt();
            return rules.assess(o.score, state.cycle().startDate, state.cycle().endDate, now.isAfter(end) ? now : end,
                    null, o.kind == Objective.Kind.ASPIRATIONAL);
        }
        return rules.assess(progress(state), state.cycle().startDate, state.cycle().endDate, now, latestConfidence(state),
                o.kind == Objective.Kind.ASPIRATIONAL);
    }

    /** Brings the stored progress and health up to date with the key results; answers whether either changed. */
    public boolean refresh(ObjectiveState state, Instant now) {
        Objective o = state.objective();
        Double own = ownProgress(state);
        var health = health(state, now).health();
        boolean changed = !Objects.equals(own, o.progress) || health != o.health;
        o.progress = own;
        o.health = health;
        return changed;
    }

    public ObjectiveView view(ObjectiveState state, Instant now) {
        Objective o = state.objective();
        Assessment health = health(state, now);
        List<KeyResultView> krs = state.keyResults().stream()
                .sorted(Comparator.comparingInt(kr -> kr.position))
                .map(kr -> keyResult(state, kr, now))
                .toList();
        double progress = o.status == Objective.Status.CLOSED && o.score != null ? o.score : progress(state);
        return new ObjectiveView(o.id, o.cycleId, o.title, o.description,
                new OwnerView(o.ownerType, o.ownerId), o.kind, o.status, round(progress),
                o.rollupProgress == null ? null : round(o.rollupProgress),
                health.health(), health.reason(), o.score, o.rolledOverFrom, o.rolledOverTo, o.revision, o.createdAt, o.updatedAt,
                o.closedAt, warnings(state), krs);
    }

    /** The method's advice for an active objective; none once it is closed or archived. */
    List<Guidance.Warning> warnings(ObjectiveState state) {
        if (state.objective().status != Objective.Status.ACTIVE) {
            return List.of();
        }
        return settings.guidance().warnings(state.keyResults().size(), state.cycle().startDate, state.cycle().endDate);
    }

    /** The UTC day this key result's next check-in is due, or null when it owes none (see {@link Cadence#nextDue}). */
    public LocalDate nextCheckInDue(ObjectiveState state, KeyResult kr) {
        if (kr.type == KeyResult.Type.KPI_LINKED || state.objective().status != Objective.Status.ACTIVE) {
            return null;
        }
        return cadence(kr).nextDue(kr.lastCheckInAt, kr.createdAt, state.cycle().startDate, state.cycle().endDate);
    }

    /** The key result's own cadence, else the organisation's. */
    public Cadence cadence(KeyResult kr) {
        return kr.cadence != null ? kr.cadence : settings.cadence();
    }

    public KeyResultView keyResult(ObjectiveState state, KeyResult kr, Instant now) {
        double progress = KeyResultRules.progress(kr, state.milestonesOf(kr));
        Assessment health = rules.assess(progress, state.cycle().startDate, state.cycle().endDate, now,
                kr.latestConfidence, state.objective().kind == Objective.Kind.ASPIRATIONAL);
        if (kr.type == KeyResult.Type.KPI_LINKED) {
            health = HealthRules.capForQuietKpi(health, kr.kpiName, kr.kpiStaleSince);
        }
        List<MilestoneView> milestones = kr.type == KeyResult.Type.MILESTONES
                ? state.milestonesOf(kr).stream()
                        .map(m -> new MilestoneView(m.id, m.title, m.weight, m.completedAt != null, m.completedAt)).toList()
                : null;
        return new KeyResultView(kr.id, kr.objectiveId, kr.title, kr.type, kr.unit, kr.startValue, kr.targetValue,
                kr.currentValue, kr.type == KeyResult.Type.BOOLEAN ? kr.done : null, milestones, kr.kpiId, kr.weight,
                kr.position, round(progress), health.health(), health.reason(), kr.latestConfidence, kr.lastCheckInAt,
                cadence(kr), kr.cadence == null, nextCheckInDue(state, kr), kr.revision);
    }

    /** The confidence of the most recent check-in on any of the objective's key results. */
    static Integer latestConfidence(ObjectiveState state) {
        return state.keyResults().stream()
                .filter(kr -> kr.lastCheckInAt != null)
                .max(Comparator.comparing(kr -> kr.lastCheckInAt))
                .map(kr -> kr.latestConfidence)
                .orElse(null);
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
